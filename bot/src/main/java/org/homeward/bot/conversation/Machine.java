package org.homeward.bot.conversation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.homeward.core.Domain;
import org.homeward.core.departures.Departures;
import org.homeward.core.people.People;
import org.homeward.core.registrations.Confirmation;
import org.homeward.db.jooq.tables.records.RegistrationRecord;
import org.homeward.db.jooq.tables.records.RequirementRecord;
import org.homeward.core.staff.StaffLinks;
import org.homeward.i18n.Language;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardRemove;

/**
 * The state table: for one update of one chat, what each state does with a command, text, a button, a shared
 * contact or location, and which state comes next. Every transition is here and every state change goes through
 * {@link #enter}; /cancel works from any state.
 *
 * <p>Around it: {@link Questionnaire} declares the registration's questions in order (the next question, where a
 * correction returns, which question gives a missing answer); {@link Answers} checks and stores each answer to
 * them and says what it came to, which {@link #after} turns into a transition; {@link Prompts} asks each state's
 * question and answers what a state cannot use; {@link Views} shows what is stored. All of them share the update's
 * {@link Turn}.
 *
 * <p>Callback data is {@code STATE:value} for buttons that belong to one question (a press on an older question is
 * answered gently and the current one asked again), and {@code g:…} for buttons that work from anywhere
 * (requirement answers, departure answers, register, delete my data); language buttons work from anywhere too.
 * Callback data is limited to 64 bytes (https://core.telegram.org/bots/api#inlinekeyboardbutton).
 */
final class Machine {
    // On the global registry, which Homeward joins to the one /metrics shows.
    private static final Counter DUPLICATES_OF_OTHERS = Counter.builder("homeward.registration.duplicates_of_others")
            .description("answers that a document or phone is on someone else's registration")
            .register(Metrics.globalRegistry);
    private static final Counter DUPLICATES_REFUSED = Counter.builder("homeward.registration.duplicate_checks_refused")
            .description("chats given only the hotline after too many such answers in a day")
            .register(Metrics.globalRegistry);

    private final Turn turn;
    private final Domain domain;
    private final Ui ui;
    private final long chatId;
    private final Instant now;
    private final LocalDate today;
    private final Views views;
    private final Prompts prompts;
    private final Answers answers;
    private State state;
    private Draft draft;
    /** Set when the person's data was erased: nothing more is saved for this chat. */
    private boolean erased;

    Machine(Turn turn, State state, Draft draft) {
        this.turn = turn;
        this.domain = turn.domain;
        this.ui = turn.ui;
        this.chatId = turn.chatId;
        this.now = turn.now;
        this.today = turn.today;
        this.views = new Views(turn);
        this.prompts = new Prompts(turn, views);
        this.answers = new Answers(turn, prompts);
        this.state = state;
        this.draft = draft;
    }

    /** Where the chat stands after the update, to be saved. */
    State state() {
        return state;
    }

    /** The answers so far after the update, to be saved. */
    Draft draft() {
        return draft;
    }

    /** True when the person's data was erased: nothing more is saved for this chat. */
    boolean erased() {
        return erased;
    }

    // === entry points: one per kind of input =================================================================

    void onStart() {
        leaveTo(State.MENU);
        if (turn.user().getLanguage() == null) {
            go(State.LANGUAGE);
        } else if (turn.consentUndecided()) {
            go(State.CONSENT);
        } else {
            go(State.MENU);
        }
    }

    /**
     * True when staff raised the privacy notice's version since the person agreed: the notice is shown again at
     * their next message, before anything else (issue 13).
     */
    boolean consentLapsed() {
        return state != State.CONSENT && turn.user().getLanguage() != null && turn.user().getConsentVersion() != null
                && !turn.consented();
    }

    /** Shows the changed notice; a registration in progress is kept, and taken up again where it was after "yes". */
    void askConsentAgain() {
        boolean registering = state.inRegistration() || draft.resume != null;
        leaveTo(State.CONSENT);
        draft.wantsRegistration = registering;
        ui.say(ui.t("consent.changed"));
        go(State.CONSENT);
    }

    /** Commands work from every state (https://core.telegram.org/bots/features#commands). */
    void onCommand(String command) {
        switch (command) {
            case "/start" -> onStart();
            case "/menu" -> {
                leaveTo(State.MENU);
                go(turn.user().getLanguage() == null ? State.LANGUAGE : State.MENU);
            }
            case "/cancel" -> cancel();
            case "/language" -> {
                leaveTo(State.LANGUAGE);
                go(State.LANGUAGE);
            }
            case "/help" -> menuAction(MenuAction.HELP);
            default -> fallback();
        }
    }

    /**
     * A staff link code was sent (and consumed, or found wrong): say so, whatever the state, which stays as it was.
     * Neither the member's name nor the code is repeated.
     */
    void onLinkCode(StaffLinks.Linked linked) {
        ui.say(ui.t(linked == StaffLinks.Linked.LINKED ? "staff.linked" : "staff.link_wrong"));
    }

    void onText(String text) {
        Optional<MenuAction> action = MenuAction.of(text);
        if (action.isPresent() && turn.user().getLanguage() != null) {
            menuAction(action.get());
            return;
        }
        switch (state) {
            case LANGUAGE -> {
                Optional<Language> picked = java.util.Arrays.stream(Language.values())
                        .filter(l -> Ui.t(l, "btn.lang.self").equalsIgnoreCase(text.strip())).findFirst();
                if (picked.isPresent()) {
                    chooseLanguage(picked.get());
                } else {
                    fallback();
                }
            }
            default -> {
                if (Questionnaire.find(state).isPresent()) {
                    after(answers.typed(state, draft, text));
                } else {
                    fallback();
                }
            }
        }
    }

    void onContact(Long contactUserId, long senderId, String phone) {
        if (state != State.REG_PHONE) {
            fallback();
            return;
        }
        after(answers.contact(draft, contactUserId, senderId, phone));
    }

    void onLocation(double latitude, double longitude) {
        if (state != State.REG_LOCATION && state != State.REG_LOCATION_OTHER) {
            fallback();
            return;
        }
        after(answers.location(draft, latitude, longitude));
    }

    void onMedia() {
        ui.say(ui.t("misc.media"));
        prompt();
    }

    /**
     * A button pressed on message {@code messageId}, which still showed buttons when pressed if {@code withButtons}
     * (a message too old to access shows none) and read {@code pressedText} (null when unknown).
     */
    void onCallback(String data, Integer messageId, boolean withButtons, String pressedText) {
        if (data.equals("MYDATA:delete")) {
            // "Delete all my data" as sent before it became g:del: a delete request counts whenever it is made.
            data = "g:del";
        }
        if (data.startsWith("g:")) {
            global(data.substring(2).split(":"), messageId, pressedText);
            return;
        }
        int colon = data.indexOf(':');
        String forState = colon < 0 ? data : data.substring(0, colon);
        String value = colon < 0 ? "" : data.substring(colon + 1);
        if (forState.equals(State.LANGUAGE.name())) {
            // Language buttons stay valid anywhere: changing language never loses anything.
            Language.fromCode(value).ifPresentOrElse(this::chooseLanguage, this::prompt);
            return;
        }
        if (!state.inRegistration() && state != State.CONSENT && state != State.LANGUAGE && draft.resume != null
                && forState.equals(draft.resume.name())) {
            // A button of the question the registration was left at (for "My data", the menu, the language): the
            // registration is taken up again there, as Register would, and the press counts as its answer.
            enter(draft.resume);
            draft.resume = null;
        }
        if (withButtons && messageId != null) {
            // A question's buttons, answered now or from an older question: either way they have done their job
            // (the g: buttons above keep theirs, they work from anywhere). A question asked again comes anew.
            ui.spent(messageId);
        }
        if (!forState.equals(state.name())) {
            ui.say(ui.t("misc.stale"));
            prompt();
            return;
        }
        switch (state) {
            case CONSENT -> {
                switch (value) {
                    case "yes" -> {
                        domain.people().consent(chatId, turn.operation().getConsentVersion(), now);
                        turn.user(domain.people().touch(chatId, now));
                        if (draft.wantsRegistration) {
                            // They came from "Register": straight on to the first question.
                            draft.wantsRegistration = false;
                            ui.send(ui.t("consent.saved"), ui.menu(turn.registered()));
                            enter(State.MENU);
                            menuAction(MenuAction.REGISTER);
                        } else {
                            // Someone already registered, agreeing again to a new notice, is not told to register.
                            ui.say(ui.t(turn.registered() ? "consent.saved" : "consent.thanks"));
                            go(State.MENU);
                        }
                    }
                    case "no" -> {
                        draft.wantsRegistration = false;
                        domain.people().decline(chatId, now);
                        turn.user(domain.people().touch(chatId, now));
                        ui.send(ui.t("consent.declined"), ui.menu(false));
                        enter(State.MENU);
                    }
                    case "full" -> prompts.consentFull();
                    default -> prompt();
                }
            }
            case REG_SUMMARY -> summaryAction(value);
            case MYDATA -> {
                Optional<RegistrationRecord> live = domain.registrations().live(chatId);
                switch (value) {
                    case "edit" -> live.ifPresentOrElse(r -> {
                        if (!r.getId().equals(draft.registrationId)) {
                            draft = Draft.of(domain.registrations().form(r));
                        }
                        // Else a correction left unsaved: taken up again where it was, as leaving it promised.
                        draft.resume = null;
                        go(State.REG_SUMMARY);
                    }, () -> go(State.MENU));
                    case "cancel" -> {
                        if (live.isPresent()) {
                            go(State.CONFIRM_CANCEL);
                        } else {
                            go(State.MENU);
                        }
                    }
                    default -> prompt();
                }
            }
            case CONFIRM_CANCEL -> {
                if (value.equals("yes")) {
                    domain.registrations().live(chatId).ifPresent(r -> {
                        domain.registrations().cancel(r.getId(), now);
                        ui.say(ui.t("mydata.cancelled", "code", r.getCode()));
                    });
                    draft = new Draft();
                } else {
                    ui.say(ui.t("mydata.kept"));
                }
                go(State.MENU);
            }
            case CONFIRM_DELETE -> {
                if (value.equals("yes")) {
                    Language language = ui.language();
                    domain.people().erase(chatId, today);
                    erased = true;
                    ui.send(Ui.t(language, "mydata.deleted"), ReplyKeyboardRemove.builder().removeKeyboard(true).build());
                } else {
                    ui.say(ui.t("mydata.kept"));
                    go(State.MENU);
                }
            }
            default -> {
                if (Questionnaire.find(state).isPresent()) {
                    after(answers.pressed(state, draft, value, messageId));
                } else {
                    prompt();
                }
            }
        }
    }

    // === transitions =========================================================================================

    /** The one place the state changes. Reaching the summary ends a correction. */
    private void enter(State to) {
        if (to == State.REG_SUMMARY) {
            draft.editing = false;
        }
        state = to;
    }

    /** Enters {@code to} and asks its question. */
    private void go(State to) {
        enter(to);
        prompt();
    }

    /** Moves on from the question just answered, in the questionnaire's order or back to the summary. */
    private void next() {
        go(Questionnaire.next(state, draft));
    }

    /** Where an answer to a registration question leads. */
    private void after(Answers.Outcome outcome) {
        switch (outcome) {
            case Answers.Outcome.Answered answered -> next();
            case Answers.Outcome.Stays stays -> { }
            case Answers.Outcome.Asks asks -> go(asks.question());
            case Answers.Outcome.Taken taken -> duplicate(taken.existing(), state);
        }
    }

    /**
     * Leaves the current question for the menu or language, remembering a registration to come back to. A
     * correction of a confirmed registration left with changes is said to be unsaved: it is kept only here.
     */
    private void leaveTo(State to) {
        if (state.inRegistration() && !to.inRegistration() && unsavedCorrection()) {
            ui.say(ui.t("reg.correction.unsaved"));
        }
        if (state.inRegistration() && state != State.REG_SUMMARY && !draft.isEmpty()) {
            draft.resume = state;
        } else if (state == State.REG_SUMMARY) {
            draft.resume = State.REG_SUMMARY;
        }
        enter(to);
    }

    /** True when the draft corrects a confirmed registration and differs from it (or it is gone). */
    private boolean unsavedCorrection() {
        if (draft.registrationId == null) {
            return false;
        }
        return domain.registrations().live(chatId).filter(r -> r.getId().equals(draft.registrationId))
                .map(r -> !domain.registrations().form(r).equals(draft.toForm())).orElse(true);
    }

    /** /cancel, from any state: the draft is thrown away and the menu shown. */
    private void cancel() {
        boolean hadDraft = state.inRegistration() || draft.resume != null;
        // A correction thrown away leaves the registration as it was: "registration stopped" would alarm.
        boolean correcting = hadDraft && draft.registrationId != null;
        draft = new Draft();
        enter(State.MENU);
        if (turn.user().getLanguage() == null) {
            go(State.LANGUAGE);
            return;
        }
        String said = correcting ? "reg.correction.cancelled"
                : hadDraft ? "misc.cancelled_registration" : "misc.cancelled";
        ui.send(ui.t(said), ui.menu(turn.registered()));
    }

    /** A language picked: stored, then the privacy notice if still undecided, else the menu. */
    private void chooseLanguage(Language language) {
        domain.people().setLanguage(chatId, language);
        turn.user(domain.people().touch(chatId, now));
        ui.language(language);
        if (turn.consentUndecided()) {
            go(State.CONSENT);
        } else if (state.inRegistration()) {
            // An old language button pressed in the middle of the registration: the same question in the new
            // language, every answer kept (going to the menu here would leave the draft with nothing to resume).
            ui.say(ui.t("lang.changed"));
            prompt();
        } else {
            ui.say(ui.t("lang.changed"));
            go(State.MENU);
        }
    }

    // === the menu and the buttons that work from anywhere ====================================================

    private void menuAction(MenuAction action) {
        switch (action) {
            case REGISTER -> {
                if (!turn.consented()) {
                    leaveTo(State.CONSENT);
                    draft.wantsRegistration = true;
                    ui.say(ui.t("consent.needed"));
                    go(State.CONSENT);
                    return;
                }
                Optional<RegistrationRecord> live = domain.registrations().live(chatId);
                if (live.isPresent() && draft.registrationId == null) {
                    leaveTo(State.MYDATA);
                    go(State.MYDATA);
                } else if (state.inRegistration()) {
                    // Pressed again in the middle of it, as after reading something from the menu: the same question.
                    if (!draft.isEmpty()) {
                        ui.say(ui.t("reg.resume"));
                    }
                    prompt();
                } else if (draft.resume != null) {
                    State resume = draft.resume;
                    draft.resume = null;
                    ui.say(ui.t("reg.resume"));
                    go(resume);
                } else {
                    draft = new Draft();
                    ui.say(ui.t("reg.intro"));
                    go(State.REG_NAME);
                }
            }
            case REQUIREMENTS -> aside(() -> views.requirements(draft));
            case DEPARTURE -> aside(views::departure);
            case MYDATA -> {
                leaveTo(State.MYDATA);
                go(State.MYDATA);
            }
            case HELP -> aside(views::help);
            case LANGUAGE -> {
                leaveTo(State.LANGUAGE);
                go(State.LANGUAGE);
            }
            case BACK -> {
                leaveTo(State.MENU);
                go(State.MENU);
            }
        }
    }

    /**
     * A read-only text from the menu. In the middle of the registration it is read between two questions: the state
     * stays and its question is asked again, so the question's buttons (the earlier copy's too) and a typed answer
     * still work. Anywhere else the menu follows.
     */
    private void aside(Runnable view) {
        if (state.inRegistration()) {
            view.run();
            prompt();
        } else {
            leaveTo(State.MENU);
            view.run();
        }
    }

    /** Buttons that work from any state, pressed on {@code messageId} showing {@code pressedText} (either may be null). */
    private void global(String[] parts, Integer messageId, String pressedText) {
        switch (parts[0]) {
            case "rq" -> {
                // g:rq:<requirement id>:<y|n>
                Optional<RegistrationRecord> live = domain.registrations().live(chatId);
                Optional<RequirementRecord> req = parts.length == 3 && parts[1].matches("[0-9]{1,9}")
                        ? domain.requirements().byId(Integer.parseInt(parts[1])) : Optional.empty();
                // A press on the notice of a requirement withdrawn since, or whose question was removed, changes nothing.
                if (live.isEmpty() || req.isEmpty() || req.get().getQuestionRu() == null || !req.get().getActive()) {
                    ui.say(ui.t("misc.stale"));
                    prompt();
                    return;
                }
                boolean yes = parts[2].equals("y");
                domain.requirements().answer(live.get().getId(), req.get().getId(), yes, now);
                answerInPlace(ui.t(yes ? "req.answer.yes" : "req.answer.no"), ui.t(yes ? "req.toast.yes" : "req.toast.no"),
                        messageId, pressedText, List.of(ui.t("req.answer.yes"), ui.t("req.answer.no")));
            }
            case "dep" -> {
                // g:dep:<departure id>:<y|n>
                Optional<RegistrationRecord> live = domain.registrations().live(chatId);
                Optional<Departures.Assigned> assigned = live.flatMap(r -> domain.departures().assignment(r.getId()));
                if (parts.length != 3 || assigned.isEmpty()
                        || !String.valueOf(assigned.get().departure().getId()).equals(parts[1])) {
                    ui.say(ui.t("misc.stale"));
                    prompt();
                    return;
                }
                boolean coming = parts[2].equals("y");
                domain.departures().answer(live.get().getId(), coming, now);
                String hotline = turn.operation().getHotlinePhone();
                String answer = ui.t(coming ? "dep.answer.coming" : "dep.answer.cannot", "hotline", hotline);
                answerInPlace(answer, ui.t(coming ? "dep.toast.coming" : "dep.toast.cannot"), messageId, pressedText,
                        List.of(ui.t("dep.answer.coming", "hotline", hotline), ui.t("dep.answer.cannot", "hotline", hotline)));
            }
            case "reg" -> menuAction(MenuAction.REGISTER);
            case "del" -> {
                // From wherever the person is: the confirmation question (its own state, so a stray "yes" from
                // an old message deletes nothing).
                leaveTo(State.CONFIRM_DELETE);
                go(State.CONFIRM_DELETE);
            }
            default -> prompt();
        }
    }

    /**
     * A yes/no answer to a notice: shown at once on the button ({@code toast}: no message, no slot of the bot's
     * budget), then in place of the notice's buttons, appended to its text. After a broadcast thousands press within
     * minutes; one edit each leaves the answer where it was asked, with no buttons left to press twice. A message
     * too old to read (no text) gets the answer as a new message. A press on a copy still showing the buttons (an
     * app not yet refreshed) replaces the answer it carries, one of {@code answers}, rather than adding another.
     */
    private void answerInPlace(String answer, String toast, Integer messageId, String pressedText, List<String> answers) {
        ui.toast(toast);
        if (messageId == null || pressedText == null || pressedText.isBlank()) {
            ui.say(answer);
            return;
        }
        String notice = pressedText;
        for (String earlier : answers) {
            if (notice.endsWith("\n\n" + earlier)) {
                notice = notice.substring(0, notice.length() - earlier.length() - 2);
            }
        }
        if (!(notice + "\n\n" + answer).equals(pressedText)) {
            ui.editText(messageId, notice + "\n\n" + answer);
        }
    }

    // === the registration's end: a duplicate, the summary, confirming ========================================

    /**
     * The document or phone given for {@code question} is on a live registration already. A new registration that
     * repeats the person's own is shown theirs instead. Of anyone else's nothing is told, not its number nor its
     * status: only that the document or phone is taken, and the question is asked again with the draft kept. As
     * even that tells whether a number is registered, a chat gets it a few times a day, then only the hotline.
     */
    private void duplicate(RegistrationRecord existing, State question) {
        if (existing.getChatId() == chatId && draft.registrationId == null) {
            draft = new Draft();
            ui.say(ui.t("reg.duplicate.own", "code", existing.getCode(), "status", views.statusText(existing)));
            go(State.MYDATA);
            return;
        }
        DUPLICATES_OF_OTHERS.increment();
        String hotline = turn.operation().getHotlinePhone();
        if (!People.mayBeToldOfDuplicates(domain.people().countDuplicateAnswer(chatId, today))) {
            DUPLICATES_REFUSED.increment();
            leaveTo(State.MENU);
            ui.send(ui.t("reg.duplicate.limit", "hotline", hotline), ui.menu(turn.registered()));
            return;
        }
        ui.say(ui.t("reg.duplicate.taken", "hotline", hotline));
        if (state != question) {
            // Found at confirmation: ask for that answer again, then back to the summary.
            draft.editing = true;
            go(question);
        }
    }

    /**
     * A summary button: confirm, or correct one topic (its first question, then back to the summary). Only the
     * newest summary confirms: an older one may show other answers than those that would be saved.
     */
    private void summaryAction(String value) {
        if (value.equals("confirm." + draft.summary)) {
            confirm();
            return;
        }
        if (value.startsWith("confirm")) {
            ui.say(ui.t("reg.summary.old"));
            prompt();
            return;
        }
        if (!value.startsWith("edit.")) {
            prompt();
            return;
        }
        String topic = value.substring("edit.".length());
        Optional<State> question = Questionnaire.correcting(topic);
        if (question.isEmpty()) {
            prompt();
            return;
        }
        draft.editing = true;
        go(question.get());
    }

    /** Saves the draft through the core, which checks it is complete and no one else's. */
    private void confirm() {
        switch (domain.registrations().confirm(chatId, draft.toForm(), now)) {
            case Confirmation.Incomplete incomplete -> {
                // A draft without an answer reached the summary (stored by an older version): ask for it.
                ui.say(ui.t("misc.stale"));
                go(Questionnaire.asking(incomplete.first()));
            }
            case Confirmation.Duplicate duplicate -> duplicate(duplicate.existing(), Questionnaire.asking(duplicate.field()));
            case Confirmation.Saved saved when !saved.created() -> {
                draft = new Draft();
                ui.say(ui.t("mydata.updated"));
                go(State.MENU);
            }
            case Confirmation.Saved saved -> {
                draft = new Draft();
                ui.send(ui.t("reg.done", "code", saved.code(), "hotline", turn.operation().getHotlinePhone()), ui.menu(true));
                enter(State.MENU);
                views.requirements(draft);
            }
        }
    }

    // === asking ==============================================================================================

    /** Shows the current state's question. */
    void prompt() {
        prompts.ask(state, draft);
    }

    /** The answers to this chat waited too long and were dropped: a sorry for the delay, then its question again. */
    void resumeAfterDelay() {
        turn.ui.say(turn.ui.t("error.delayed"));
        prompt();
    }

    /** What the current state answers to input it cannot use: a gentle word and its question again. */
    private void fallback() {
        prompts.fallback(state, draft);
    }
}
