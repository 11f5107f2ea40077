package org.homeward.bot.conversation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.homeward.bot.transport.Inbox;
import org.homeward.core.Domain;
import org.homeward.core.people.ChatPseudonym;
import org.homeward.core.people.People;
import org.homeward.core.staff.StaffLinks;
import org.homeward.db.enums.UnreachableReason;
import org.homeward.core.registrations.RegistrationCodes;
import org.homeward.bot.transport.Reply;
import org.homeward.bot.transport.UpdateHandler;
import org.jooq.DSLContext;
import org.homeward.i18n.Language;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migrant's conversation with the bot in Tajik, Russian or Uzbek: language, consent, registration with family,
 * requirements, departures, their data and help. Each chat's state and answers are kept in PostgreSQL, so a
 * person continues where they left off after days or a restart.
 *
 * <p>Each update is handled in the transport's transaction for it; the replies returned are stored in it and sent
 * once it commits.
 */
public final class Conversation implements UpdateHandler {
    private static final Logger log = LoggerFactory.getLogger(Conversation.class);

    /** Tunables of the conversation, validated at construction. */
    public record Settings(int maxFamilyMembers, int nextDeparturesShown) {
        /** Validates the values. */
        public Settings {
            if (maxFamilyMembers < 1 || maxFamilyMembers > 30) {
                throw new IllegalArgumentException("maxFamilyMembers must be 1..30: " + maxFamilyMembers);
            }
            if (nextDeparturesShown < 1 || nextDeparturesShown > 10) {
                throw new IllegalArgumentException("nextDeparturesShown must be 1..10: " + nextDeparturesShown);
            }
        }

        /** Up to 15 family members; the next 3 departures. */
        public static Settings defaults() {
            return new Settings(15, 3);
        }
    }

    private final Clock clock;
    private final Settings settings;
    private final RegistrationCodes codes = new RegistrationCodes();

    /** A conversation with default settings. */
    public Conversation(Clock clock) {
        this(clock, Settings.defaults());
    }

    /** A conversation at {@code clock}'s time; its state lives in the transaction each update is handled in. */
    public Conversation(Clock clock, Settings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public List<Reply> handle(DSLContext tx, Update update) {
        List<BotApiMethod<?>> methods;
        if (update.hasMessage()) {
            methods = message(tx, update.getMessage());
        } else if (update.hasCallbackQuery()) {
            methods = callback(tx, update.getCallbackQuery());
        } else if (update.hasMyChatMember()) {
            membership(tx, update.getMyChatMember());
            return List.of();
        } else {
            // Edited messages, reactions, other membership changes: the original message was already answered,
            // and acting on an edit would answer twice (https://core.telegram.org/bots/api#update).
            return List.of();
        }
        return replies(methods);
    }

    /**
     * The chat's answers waited too long to be useful (Telegram was away): a short sorry for the delay and the
     * question it is on now. Nothing for a chat the bot does not know (any more: its data may have been erased).
     */
    @Override
    public List<Reply> resume(DSLContext tx, long chatId) {
        if (!ConversationStore.knows(tx, chatId)) {
            return List.of();
        }
        return replies(turn(tx, chatId, null, (machine, isNew) -> machine.resumeAfterDelay()).methods());
    }

    /**
     * Keeps the id of a question just sent, so its buttons can be removed once it is answered by typing or sharing
     * or left. After the update's transaction has committed: if this fails, only that tidying is lost.
     */
    @Override
    public void questionSent(DSLContext dsl, long chatId, int messageId) {
        ConversationStore.rememberQuestion(dsl, chatId, messageId);
    }

    /**
     * What the transport sends: the callback answer and the removal of spent buttons only tidy (after downtime
     * Telegram refuses an old callback answer, https://core.telegram.org/bots/api#answercallbackquery, and a removal
     * when the buttons are gone already); a question's message id is kept once it is sent.
     */
    private static List<Reply> replies(List<BotApiMethod<?>> methods) {
        List<Reply> replies = new java.util.ArrayList<>(methods.size());
        for (BotApiMethod<?> m : methods) {
            if (m instanceof AnswerCallbackQuery
                    || (m instanceof EditMessageReplyMarkup edit && edit.getReplyMarkup() == null)) {
                replies.add(Reply.tidy(m));
            } else if (Ui.isQuestion(m)) {
                replies.add(Reply.question(m));
            } else {
                replies.add(Reply.message(m));
            }
        }
        return replies;
    }

    /**
     * The person blocked the bot ("kicked") or unblocked it ("member") in their private chat
     * (https://core.telegram.org/bots/api#chatmemberupdated): broadcasts skip them while blocked, as after a 403.
     * Nothing is answered, and nobody the bot does not know is recorded.
     */
    private void membership(DSLContext tx, ChatMemberUpdated change) {
        if (change.getChat() == null || !"private".equals(change.getChat().getType()) || change.getNewChatMember() == null) {
            return;
        }
        long chatId = change.getChat().getId();
        String status = change.getNewChatMember().getStatus();
        People people = new People(tx);
        if ("kicked".equals(status)) {
            people.markUnreachable(chatId, UnreachableReason.BLOCKED, clock.instant());
        } else if ("member".equals(status)) {
            people.markReachable(chatId);
        }
    }

    private List<BotApiMethod<?>> message(DSLContext tx, Message message) {
        User from = message.getFrom();
        if (!"private".equals(message.getChat().getType()) || from == null) {
            // In groups the bot only asks to be written to privately: personal data is never asked for in public.
            if (!message.hasText()) {
                return List.of();
            }
            Language language = Language.fromTelegram(from == null ? null : from.getLanguageCode()).orElse(Language.RU);
            return List.of(SendMessage.builder().chatId(message.getChatId())
                    .text(Ui.t(language, "misc.group")).build());
        }
        long chatId = message.getChatId();
        return turn(tx, chatId, from, (machine, isNew) -> {
            if (message.hasText() && StaffLinks.looksLikeCode(message.getText())) {
                // A staff member linking their own Telegram: in any state, before consent too; the state stays.
                machine.onLinkCode(new StaffLinks(tx).consume(message.getText(), chatId, clock.instant()));
            } else if (message.hasText() && message.getText().startsWith("/")) {
                String command = message.getText().strip().split("[\\s@]", 2)[0].toLowerCase(java.util.Locale.ROOT);
                machine.onCommand(command);
            } else if (isNew) {
                // First contact: greet with the language question, whatever was sent.
                machine.prompt();
            } else if (machine.consentLapsed() && !(message.hasText()
                    && MenuAction.of(message.getText()).orElse(null) == MenuAction.REGISTER)) {
                // The notice changed since they agreed: asked again first (Register asks it its own way, then goes on).
                machine.askConsentAgain();
            } else if (message.hasText()) {
                machine.onText(message.getText());
            } else if (message.hasContact()) {
                machine.onContact(message.getContact().getUserId(), from.getId(), message.getContact().getPhoneNumber());
            } else if (message.hasLocation()) {
                machine.onLocation(message.getLocation().getLatitude(), message.getLocation().getLongitude());
            } else {
                machine.onMedia();
            }
        }).methods();
    }

    private List<BotApiMethod<?>> callback(DSLContext tx, CallbackQuery query) {
        // Always answered, or the button keeps spinning on the person's phone
        // (https://core.telegram.org/bots/api#answercallbackquery).
        AnswerCallbackQuery answer = AnswerCallbackQuery.builder().callbackQueryId(query.getId()).build();
        var message = query.getMessage();
        if (message != null && message.getChat() != null && !"private".equals(message.getChat().getType())) {
            return List.of(answer);
        }
        Integer messageId = message == null ? null : message.getMessageId();
        // The pressed message as Telegram shows it now: whether it still has buttons to remove once answered.
        boolean withButtons = message instanceof Message m && m.getReplyMarkup() != null
                && m.getReplyMarkup().getKeyboard() != null && !m.getReplyMarkup().getKeyboard().isEmpty();
        String data = query.getData() == null ? "" : query.getData();
        String pressedText = message instanceof Message m ? m.getText() : null;
        // When handling fails, the transport's apology answers the callback instead.
        Ui ui = turn(tx, query.getFrom().getId(), query.getFrom(), (machine, isNew) -> {
            if (isNew) {
                machine.prompt();
            } else if (machine.consentLapsed() && !data.startsWith("LANGUAGE:")) {
                // The notice changed since they agreed: asked again before any button does its work.
                machine.askConsentAgain();
            } else {
                machine.onCallback(data, messageId, withButtons, pressedText);
            }
        });
        if (ui.toast() != null) {
            answer = AnswerCallbackQuery.builder().callbackQueryId(query.getId()).text(ui.toast()).build();
        }
        java.util.ArrayList<BotApiMethod<?>> all = new java.util.ArrayList<>();
        all.add(answer);
        all.addAll(ui.methods());
        return all;
    }

    private interface Step {
        void run(Machine machine, boolean isNew);
    }

    /**
     * One update of one chat on the update's transaction: load the state, run the state table, save the state.
     * {@code from} is null when no update is being answered (a resumption).
     */
    private Ui turn(DSLContext tx, long chatId, User from, Step step) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        {
            Domain domain = Domain.on(tx, codes);
            ConversationStore store = new ConversationStore(tx);
            var user = domain.people().touch(chatId, now);
            Optional<ConversationStore.Saved> saved = store.load(chatId);
            String telegramLanguage = from == null ? null : from.getLanguageCode();
            Language language = Language.fromCode(user.getLanguage())
                    .or(() -> Language.fromTelegram(telegramLanguage))
                    .orElse(Language.RU);
            Ui ui = new Ui(chatId, language);
            State state = saved.map(ConversationStore.Saved::state).orElse(State.LANGUAGE);
            Draft draft = saved.map(ConversationStore.Saved::draft).orElseGet(Draft::new);
            Language preferred = Language.fromTelegram(telegramLanguage).orElse(null);
            Turn turn = new Turn(domain, ui, chatId, now, today, settings, user, preferred);
            Machine machine = new Machine(turn, state, draft);
            State before = state;
            if (saved.isPresent() && saved.get().answersLost()) {
                // What this update answers belonged to a question whose answers are gone: say so, show the menu.
                ui.say(ui.t("misc.answers_lost"));
                machine.prompt();
            } else {
                step.run(machine, saved.isEmpty());
            }
            Integer open = saved.map(ConversationStore.Saved::questionMessageId).orElse(null);
            if (open != null && (machine.erased() || saved.get().answersLost() || machine.state() != before
                    || ui.asksQuestion())) {
                // The open question was answered by typing or sharing, left, or asked anew: its buttons are dead
                // (https://core.telegram.org/bots/api#editmessagereplymarkup). Also when answered by a press on it:
                // a button that works from anywhere (g:) leaves the message's own buttons behind otherwise.
                ui.retire(open);
                open = null;
            }
            if (machine.erased()) {
                Inbox.forget(tx, chatId);
            } else {
                store.save(chatId, machine.state(), machine.draft(), open, now);
            }
            // The chat's pseudonym and states only: never its id, names, numbers or texts.
            if (log.isDebugEnabled()) {
                log.debug("chat {} {} -> {}", ChatPseudonym.of(chatId), before, machine.erased() ? "ERASED" : machine.state());
            }
            return ui;
        }
    }
}
