/**
 * The migrant's conversation with the bot: {@link org.homeward.bot.conversation.Conversation} is the transport's
 * {@link org.homeward.bot.transport.UpdateHandler}.
 *
 * <p>Inside, one update of one chat is handled in one transaction; where to look:
 * <ul>
 *   <li>{@code State} — where a chat stands, stored by name; {@code Draft} — the registration's answers so far,
 *       stored as jsonb; {@code ConversationStore} reads and writes both.
 *   <li>{@code Machine} — the state table: what each state does with a command, text, a button, a contact or a
 *       location, and which state comes next. Every transition is there; every state change goes through its
 *       {@code enter}; /cancel works from anywhere.
 *   <li>{@code Questionnaire} — the registration's questions declared once, in order (state, the core's
 *       {@code Field} it answers, its summary topic, when it is asked, its prompt): the next question, where a
 *       correction returns, and which question gives a missing answer all come from it. Whether an answer is there
 *       is the core's {@code RegistrationForm.has}, the rule confirming checks too.
 *   <li>{@code Answers} — how each registration question checks and stores an answer, and what it came to.
 *   <li>{@code Prompts} — each state's question with its buttons, and its fallback for input it cannot use.
 *   <li>{@code Views} — the read-only texts: my data, requirements, departures, help, a draft's details.
 *   <li>{@code Turn} — what these share for one update (domain, replies, clock, the person); {@code Ui} collects
 *       the replies, sent after the transaction commits. All texts come from the i18n catalogs.
 * </ul>
 *
 * <p>Callback data is {@code STATE:value} for a question's buttons, which are removed from their message once
 * pressed; the summary's confirm button carries the summary's number ({@code REG_SUMMARY:confirm.<n>}) and the
 * family list's buttons a member's place and the list's version ({@code REG_FAMILY:change.<i>.<v>}), so an older
 * copy never acts on answers it did not show. {@code g:…} is for buttons valid from any state, which other parts
 * may send too:
 * <ul>
 *   <li>{@code g:dep:<departure id>:y} / {@code :n} — the person will come to their assigned departure, or cannot
 *       (stored in {@code departure_assignment.answer});
 *   <li>{@code g:rq:<requirement id>:y} / {@code :n} — the answer to a requirement's yes/no question (stored in
 *       {@code requirement_answer} as an answer to the requirement's current version; a withdrawn requirement's
 *       buttons are stale). Staff's requirement notices carry the same buttons;
 *   <li>{@code g:reg} — opens the registration (or the person's existing one);
 *   <li>{@code g:del} — "delete all my data": asks to confirm, from any state.
 * </ul>
 */
package org.homeward.bot.conversation;
