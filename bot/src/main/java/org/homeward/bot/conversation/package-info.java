/**
 * The migrant's conversation with the bot: {@link org.homeward.bot.conversation.Conversation} is the transport's
 * {@link org.homeward.bot.transport.UpdateHandler}.
 *
 * <p>Inside: a state table ({@code State}, {@code Machine}), each chat's state and draft answers in the
 * {@code conversation} table, all texts from the i18n catalogs. Callback data is {@code STATE:value} for a
 * question's buttons and {@code g:…} for buttons valid from any state, which other parts may send too:
 * <ul>
 *   <li>{@code g:dep:<departure id>:y} / {@code :n} — the person will come to their assigned departure, or cannot
 *       (stored in {@code departure_assignment.answer});
 *   <li>{@code g:rq:<requirement id>:y} / {@code :n} — the answer to a requirement's yes/no question (stored in
 *       {@code requirement_answer});
 *   <li>{@code g:reg} — opens the registration (or the person's existing one).
 * </ul>
 */
package org.homeward.bot.conversation;
