package org.homeward.bot.conversation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.homeward.core.Domain;
import org.homeward.core.departures.Departures;
import org.homeward.core.registrations.Confirmation;
import org.homeward.core.registrations.RegistrationForm;
import org.homeward.core.registrations.Traveller;
import org.homeward.core.registrations.Validation;
import org.homeward.db.jooq.tables.records.DestinationRecord;
import org.homeward.db.jooq.tables.records.LocationRecord;
import org.homeward.db.jooq.tables.records.RegistrationRecord;
import org.homeward.db.jooq.tables.records.RequirementRecord;
import org.homeward.i18n.Language;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardRemove;

/**
 * The state table: for one update of one chat, what each state does with text, buttons, a shared contact or
 * location, and what it asks next. Every transition is here; {@link #prompt} is each state's question and
 * {@link #fallback} its answer to anything it cannot use.
 *
 * <p>Callback data is {@code STATE:value} for buttons that belong to one question (a press on an older question is
 * answered gently and the current one asked again), and {@code g:…} for buttons that work from anywhere
 * (requirement answers, departure answers, language). Callback data is limited to 64 bytes
 * (https://core.telegram.org/bots/api#inlinekeyboardbutton).
 */
final class Machine {
    private final Turn turn;
    private final Domain domain;
    private final Ui ui;
    private final long chatId;
    private final Instant now;
    private final LocalDate today;
    private final Conversation.Settings settings;
    private final Views views;
    private final Prompts prompts;
    State state;
    Draft draft;
    /** Set when the person's data was erased: nothing more is saved for this chat. */
    boolean erased;

    Machine(Turn turn, State state, Draft draft) {
        this.turn = turn;
        this.domain = turn.domain;
        this.ui = turn.ui;
        this.chatId = turn.chatId;
        this.now = turn.now;
        this.today = turn.today;
        this.settings = turn.settings;
        this.views = new Views(turn);
        this.prompts = new Prompts(turn, views);
        this.state = state;
        this.draft = draft;
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
            case REG_NAME -> Validation.fullName(text).ifPresentOrElse(name -> {
                draft.applicant.fullName = name;
                next();
            }, () -> retry("reg.name.invalid"));
            case REG_BIRTH -> Validation.birthDate(text, today).ifPresentOrElse(date -> {
                draft.applicant.birthDate = date.toString();
                next();
            }, () -> retry("reg.birth.invalid"));
            case REG_DOC_NUMBER -> Validation.documentNumber(text).ifPresentOrElse(this::documentNumber,
                    () -> retry("reg.doc_number.invalid"));
            case REG_PHONE -> Validation.phone(text).ifPresentOrElse(this::phone, () -> retry("reg.phone.invalid"));
            case REG_LOCATION -> {
                Optional<LocationRecord> known = domain.places().locations().stream()
                        .filter(l -> matches(text, l.getNameTg(), l.getNameRu(), l.getNameUz())).findFirst();
                if (known.isPresent()) {
                    place(known.get(), "reg.location.saved");
                } else {
                    Validation.place(text).ifPresentOrElse(this::otherPlace, () -> retry("reg.location.invalid"));
                }
            }
            case REG_LOCATION_OTHER -> Validation.place(text).ifPresentOrElse(this::otherPlace,
                    () -> retry("reg.location_other.invalid"));
            case REG_DESTINATION -> {
                Optional<DestinationRecord> known = domain.places().destinations().stream()
                        .filter(d -> matches(text, d.getNameTg(), d.getNameRu(), d.getNameUz())).findFirst();
                if (known.isPresent()) {
                    draft.destinationId = known.get().getId();
                    next();
                } else {
                    fallback();
                }
            }
            case REG_DISTRICT -> Validation.place(text).ifPresentOrElse(district -> {
                draft.district = district;
                next();
            }, () -> retry("reg.district.invalid"));
            case FAM_NAME -> Validation.fullName(text).ifPresentOrElse(name -> {
                draft.member.fullName = name;
                next();
            }, () -> retry("reg.name.invalid"));
            case FAM_BIRTH -> Validation.birthDate(text, today).ifPresentOrElse(date -> {
                draft.member.birthDate = date.toString();
                next();
            }, () -> retry("reg.birth.invalid"));
            default -> fallback();
        }
    }

    void onContact(Long contactUserId, long senderId, String phone) {
        if (state != State.REG_PHONE) {
            fallback();
            return;
        }
        // Only the person's own number: a forwarded contact card of someone else carries another user_id or none
        // (https://core.telegram.org/bots/api#contact).
        if (contactUserId == null || contactUserId != senderId) {
            retry("reg.phone.not_own");
            return;
        }
        Validation.phone(phone.startsWith("+") ? phone : "+" + phone)
                .ifPresentOrElse(this::phone, () -> retry("reg.phone.invalid"));
    }

    void onLocation(double latitude, double longitude) {
        if (state != State.REG_LOCATION && state != State.REG_LOCATION_OTHER) {
            fallback();
            return;
        }
        // Only the nearest known place is kept, never the coordinates themselves.
        Optional<LocationRecord> nearest = domain.places().nearest(latitude, longitude);
        if (nearest.isEmpty()) {
            ui.say(ui.t("reg.location.far"));
            go(State.REG_LOCATION_OTHER);
            return;
        }
        place(nearest.get(), "reg.location.nearest");
    }

    void onMedia() {
        ui.say(ui.t("misc.media"));
        prompt();
    }

    void onCallback(String data, Integer messageId) {
        if (data.startsWith("g:")) {
            global(data.substring(2).split(":"));
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
                            state = State.MENU;
                            menuAction(MenuAction.REGISTER);
                        } else {
                            ui.say(ui.t("consent.thanks"));
                            go(State.MENU);
                        }
                    }
                    case "no" -> {
                        draft.wantsRegistration = false;
                        domain.people().decline(chatId, now);
                        turn.user(domain.people().touch(chatId, now));
                        ui.send(ui.t("consent.declined"), ui.menu(false));
                        state = State.MENU;
                    }
                    case "full" -> prompts.consentFull();
                    default -> prompt();
                }
            }
            case REG_SEX -> pick(value, Traveller.SEXES, v -> draft.applicant.sex = v);
            case REG_CITIZENSHIP -> pick(value, Traveller.CITIZENSHIPS, v -> draft.applicant.citizenship = v);
            case REG_DOC_TYPE -> pick(value, Traveller.DOCUMENT_TYPES, v -> {
                draft.applicant.documentType = v;
                if (v.equals("none")) {
                    draft.applicant.documentNumber = null;
                    ui.say(ui.t("reg.doc.none_noted"));
                }
            });
            case REG_LOCATION -> {
                if (value.equals("other")) {
                    go(State.REG_LOCATION_OTHER);
                } else {
                    domain.places().locations().stream().filter(l -> String.valueOf(l.getId()).equals(value)).findFirst()
                            .ifPresentOrElse(l -> place(l, "reg.location.saved"), this::prompt);
                }
            }
            case REG_DESTINATION -> domain.places().destinations().stream().filter(d -> String.valueOf(d.getId()).equals(value))
                    .findFirst().ifPresentOrElse(d -> {
                        draft.destinationId = d.getId();
                        next();
                    }, this::prompt);
            case REG_FAMILY -> {
                if (value.equals("add") && draft.family.size() < settings.maxFamilyMembers()) {
                    draft.member = new Draft.Person();
                    go(State.FAM_NAME);
                } else if (value.equals("add")) {
                    ui.say(ui.t("reg.family.full", "count", settings.maxFamilyMembers()));
                    next();
                } else if (value.equals("done")) {
                    next();
                } else {
                    prompt();
                }
            }
            case FAM_SEX -> pick(value, Traveller.SEXES, v -> draft.member.sex = v);
            case FAM_RELATION -> pick(value, Traveller.RELATIONS, v -> {
                // The member is complete: added to the family before "add another / done" counts them.
                draft.member.relation = v;
                draft.family.add(draft.member);
                draft.member = null;
            });
            case REG_NEEDS -> {
                if (value.equals("done")) {
                    next();
                } else if (RegistrationForm.NEEDS.contains(value)) {
                    if (!draft.needs.remove(value)) {
                        draft.needs.add(value);
                    }
                    // Marks the choice on the same message instead of sending a new one
                    // (https://core.telegram.org/bots/api#editmessagereplymarkup).
                    if (messageId != null) {
                        ui.editButtons(messageId, prompts.needsButtons(draft));
                    } else {
                        prompt();
                    }
                } else {
                    prompt();
                }
            }
            case REG_SUMMARY -> summaryAction(value);
            case MYDATA -> {
                Optional<RegistrationRecord> live = domain.registrations().live(chatId);
                switch (value) {
                    case "edit" -> live.ifPresentOrElse(r -> {
                        draft = Draft.of(domain.registrations().form(r));
                        go(State.REG_SUMMARY);
                    }, () -> go(State.MENU));
                    case "cancel" -> {
                        if (live.isPresent()) {
                            go(State.CONFIRM_CANCEL);
                        } else {
                            go(State.MENU);
                        }
                    }
                    case "delete" -> go(State.CONFIRM_DELETE);
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
            default -> prompt();
        }
    }

    // === transitions =========================================================================================

    /** Moves on from the question just answered, in the questionnaire's order or back to the summary. */
    private void next() {
        go(Questionnaire.next(state, draft));
    }

    /** Shows the state's question. */
    private void go(State to) {
        if (to == State.REG_SUMMARY) {
            draft.editing = false;
        }
        state = to;
        prompt();
    }

    /** Leaves the current question for the menu or language, remembering a registration to come back to. */
    private void leaveTo(State to) {
        if (state.inRegistration() && state != State.REG_SUMMARY && !draft.isEmpty()) {
            draft.resume = state;
        } else if (state == State.REG_SUMMARY) {
            draft.resume = State.REG_SUMMARY;
        }
        state = to;
    }

    private void cancel() {
        boolean hadDraft = state.inRegistration() || draft.resume != null;
        draft = new Draft();
        state = State.MENU;
        if (turn.user().getLanguage() == null) {
            go(State.LANGUAGE);
            return;
        }
        ui.send(ui.t(hadDraft ? "misc.cancelled_registration" : "misc.cancelled"), ui.menu(turn.registered()));
    }

    private void chooseLanguage(Language language) {
        domain.people().setLanguage(chatId, language);
        turn.user(domain.people().touch(chatId, now));
        ui.language(language);
        if (turn.consentUndecided()) {
            go(State.CONSENT);
        } else {
            ui.say(ui.t("lang.changed"));
            go(State.MENU);
        }
    }

    private enum MenuAction {
        REGISTER, REQUIREMENTS, DEPARTURE, MYDATA, HELP, LANGUAGE, BACK;

        private static final Map<String, MenuAction> BY_LABEL = labels();

        private static Map<String, MenuAction> labels() {
            Map<String, MenuAction> map = new java.util.HashMap<>();
            for (Language l : Language.values()) {
                map.put(Ui.t(l, "btn.menu.register"), REGISTER);
                map.put(Ui.t(l, "btn.menu.myreg"), REGISTER);
                map.put(Ui.t(l, "btn.menu.requirements"), REQUIREMENTS);
                map.put(Ui.t(l, "btn.menu.departure"), DEPARTURE);
                map.put(Ui.t(l, "btn.menu.mydata"), MYDATA);
                map.put(Ui.t(l, "btn.menu.help"), HELP);
                map.put(Ui.t(l, "btn.menu.language"), LANGUAGE);
                map.put(Ui.t(l, "btn.menu.back"), BACK);
            }
            return Map.copyOf(map);
        }

        /** The main-menu button with this label in any of the languages (an old keyboard may still be shown). */
        static Optional<MenuAction> of(String text) {
            return Optional.ofNullable(BY_LABEL.get(text.strip()));
        }
    }

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
            case REQUIREMENTS -> {
                leaveTo(State.MENU);
                views.requirements(draft);
            }
            case DEPARTURE -> {
                leaveTo(State.MENU);
                views.departure();
            }
            case MYDATA -> {
                leaveTo(State.MYDATA);
                go(State.MYDATA);
            }
            case HELP -> {
                leaveTo(State.MENU);
                views.help();
            }
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

    /** Buttons that work from any state. */
    private void global(String[] parts) {
        switch (parts[0]) {
            case "rq" -> {
                // g:rq:<requirement id>:<y|n>
                Optional<RegistrationRecord> live = domain.registrations().live(chatId);
                Optional<RequirementRecord> req = parts.length == 3 && parts[1].matches("[0-9]{1,9}")
                        ? domain.requirements().byId(Integer.parseInt(parts[1])) : Optional.empty();
                if (live.isEmpty() || req.isEmpty() || req.get().getQuestionRu() == null) {
                    ui.say(ui.t("misc.stale"));
                    prompt();
                    return;
                }
                boolean yes = parts[2].equals("y");
                domain.requirements().answer(live.get().getId(), req.get().getId(), yes, now);
                ui.say(ui.t(yes ? "req.answer.yes" : "req.answer.no"));
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
                ui.say(ui.t(coming ? "dep.answer.coming" : "dep.answer.cannot", "hotline", turn.operation().getHotlinePhone()));
            }
            case "reg" -> menuAction(MenuAction.REGISTER);
            default -> prompt();
        }
    }

    // === asking ============================================================================================

    /** Shows the current state's question. */
    void prompt() {
        prompts.ask(state, draft);
    }

    /** What the current state answers to input it cannot use: a gentle word and its question again. */
    private void fallback() {
        prompts.fallback(state, draft);
    }

    private void retry(String errorKey) {
        // The error names what is wrong and shows a right answer; the question itself stays the same.
        ui.say(ui.t(errorKey));
    }

    // === registration steps ==================================================================================

    private void pick(String value, List<String> allowed, java.util.function.Consumer<String> set) {
        if (!allowed.contains(value)) {
            prompt();
            return;
        }
        set.accept(value);
        next();
    }

    private void documentNumber(String number) {
        Optional<RegistrationRecord> existing = domain.registrations().byDocument(draft.applicant.documentType, number, draft.registrationId);
        if (existing.isPresent()) {
            duplicate(existing.get());
            return;
        }
        draft.applicant.documentNumber = number;
        // Never the number itself: only its last characters, so a glance at the phone shows nothing usable.
        ui.say(ui.t("reg.doc_number.saved", "masked", Validation.mask(number)));
        next();
    }

    private void phone(String phone) {
        Optional<RegistrationRecord> existing = domain.registrations().byPhone(phone, draft.registrationId);
        if (existing.isPresent()) {
            duplicate(existing.get());
            return;
        }
        draft.phone = phone;
        keyboardDone(ui.t("reg.phone.saved"));
        next();
    }

    /** The document or phone is on a live registration already: the person is shown that one instead. */
    private void duplicate(RegistrationRecord existing) {
        if (draft.registrationId != null) {
            // Correcting their own registration: the new value belongs to someone else's; ask again.
            ui.say(ui.t("reg.duplicate.taken", "hotline", turn.operation().getHotlinePhone()));
            return;
        }
        draft = new Draft();
        String status = views.statusText(existing);
        if (existing.getChatId() == chatId) {
            ui.say(ui.t("reg.duplicate.own", "code", existing.getCode(), "status", status));
            go(State.MYDATA);
        } else {
            ui.send(ui.t("reg.duplicate.other", "code", existing.getCode(), "status", status,
                    "hotline", turn.operation().getHotlinePhone()), ui.menu(false));
            state = State.MENU;
        }
    }

    /** A known place, picked, typed or the nearest to a shared location ({@code ackKey} says which). */
    private void place(LocationRecord location, String ackKey) {
        draft.locationId = location.getId();
        draft.locationOther = null;
        keyboardDone(ui.t(ackKey, "place", turn.name(location)));
        next();
    }

    private void otherPlace(String place) {
        draft.locationId = null;
        draft.locationOther = place;
        keyboardDone(ui.t("reg.location.saved", "place", place));
        next();
    }

    /**
     * The share-contact and share-location keyboards have done their job: the main menu comes back under the
     * typing field with a short acknowledgement (a message has one keyboard, and the next question's is inline).
     */
    private void keyboardDone(String acknowledgement) {
        ui.send(acknowledgement, ui.menu(turn.registered()));
    }

    private void summaryAction(String value) {
        if (value.equals("confirm")) {
            confirm();
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
        if (question.get() == State.REG_FAMILY) {
            // Family members are asked again one by one: simpler than editing one inside a list, and short.
            draft.family.clear();
        }
        go(question.get());
    }

    private void confirm() {
        switch (domain.registrations().confirm(chatId, draft.toForm(), now)) {
            case Confirmation.Incomplete incomplete -> {
                // An old summary button after the draft changed: ask what is missing.
                ui.say(ui.t("misc.stale"));
                go(Questionnaire.asking(incomplete.first()));
            }
            case Confirmation.Duplicate duplicate -> duplicate(duplicate.existing());
            case Confirmation.Saved saved when !saved.created() -> {
                draft = new Draft();
                ui.say(ui.t("mydata.updated"));
                go(State.MENU);
            }
            case Confirmation.Saved saved -> {
                draft = new Draft();
                ui.send(ui.t("reg.done", "code", saved.code(), "hotline", turn.operation().getHotlinePhone()), ui.menu(true));
                state = State.MENU;
                views.requirements(draft);
            }
        }
    }

    // === small helpers =======================================================================================

    private static boolean matches(String text, String... names) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (String n : names) {
            if (n.toLowerCase(Locale.ROOT).equals(t)) {
                return true;
            }
        }
        return false;
    }
}
