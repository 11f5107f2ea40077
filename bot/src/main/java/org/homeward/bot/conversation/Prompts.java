package org.homeward.bot.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.homeward.bot.conversation.Ui.Button;
import org.homeward.core.Domain;
import org.homeward.core.registrations.RegistrationForm;
import org.homeward.core.registrations.Traveller;
import org.homeward.i18n.Language;

/**
 * What each state asks, with its buttons, and what it answers to input it cannot use. A registration question's
 * prompt is named by its row in {@link Questionnaire}; the other states' are in {@link #ask}. Asking never changes
 * the state, nor the draft but for the number of the summary shown.
 *
 * <p>A question's buttons carry {@code STATE:value}, so a press on an older question is recognised as such
 * (https://core.telegram.org/bots/api#inlinekeyboardbutton: at most 64 bytes).
 */
final class Prompts {
    private final Turn turn;
    private final Domain domain;
    private final Ui ui;
    private final Views views;

    Prompts(Turn turn, Views views) {
        this.turn = turn;
        this.domain = turn.domain;
        this.ui = turn.ui;
        this.views = views;
    }

    /** Shows the question of {@code state}. */
    void ask(State state, Draft draft) {
        Optional<Questionnaire.Question> question = Questionnaire.find(state);
        if (question.isPresent()) {
            question.get().prompt().ask(this, draft);
            return;
        }
        switch (state) {
            case LANGUAGE -> language();
            case CONSENT -> ui.ask(ui.t("consent.short", "operation", turn.operationName(),
                    "hotline", turn.operation().getHotlinePhone(), "months", turn.operation().getRetentionMonths(),
                    "recipients", turn.recipients()), consentButtons(true));
            case MENU -> ui.send(ui.t("menu.prompt"), ui.menu(turn.registered()));
            case REG_SUMMARY -> summary(draft);
            case MYDATA -> views.myData();
            case CONFIRM_CANCEL -> ui.ask(ui.t("mydata.cancel.ask"),
                    yesNo(state, "btn.cancel_registration.yes", "btn.no_keep"));
            case CONFIRM_DELETE -> ui.ask(ui.t("mydata.delete.ask"), yesNo(state, "btn.delete.yes", "btn.no_keep"));
            // Every other state is a row of the questionnaire (QuestionnaireTest checks it).
            default -> throw new IllegalStateException("no prompt for " + state);
        }
    }

    /** What a state answers to input it cannot use: a gentle word and its question again. */
    void fallback(State state, Draft draft) {
        switch (state) {
            case LANGUAGE, CONSENT, REG_SEX, REG_CITIZENSHIP, REG_DOC_TYPE, REG_DESTINATION, REG_FAMILY, FAM_SEX,
                 FAM_RELATION, REG_NEEDS, REG_SUMMARY, MYDATA, CONFIRM_CANCEL, CONFIRM_DELETE -> ui.say(ui.t("misc.use_buttons"));
            // A location, a command, a button from elsewhere: no number was sent, so none is "not valid".
            case REG_PHONE -> ui.say(ui.t("reg.phone.expected"));
            case MENU -> ui.say(ui.t("misc.unknown"));
            default -> ui.say(ui.t("misc.not_now"));
        }
        ask(state, draft);
    }

    /** The summary, numbered anew each time it is shown: only the newest one's confirm button confirms. */
    private void summary(Draft draft) {
        draft.summary++;
        String text = ui.t("reg.summary", "details", views.details(draft));
        if (draft.registrationId != null) {
            // Correcting a confirmed registration: nothing of it changes until "Save".
            text += "\n\n" + ui.t("reg.summary.unsaved");
        }
        ui.ask(text, summaryButtons(draft));
    }

    /** The whole privacy notice, after "Read in full". */
    void consentFull() {
        ui.ask(ui.t("consent.full", "operation", turn.operationName(), "hotline", turn.operation().getHotlinePhone(),
                "months", turn.operation().getRetentionMonths(), "recipients", turn.recipients()), consentButtons(false));
    }

    /** The needs as toggles, those chosen ticked; edited in place on each press. */
    List<List<Button>> needsButtons(Draft draft) {
        List<Button> buttons = RegistrationForm.NEEDS.stream()
                .map(n -> new Button((draft.needs.contains(n) ? "✓ " : "") + ui.t("btn.need." + n), "REG_NEEDS:" + n))
                .toList();
        List<List<Button>> rows = new ArrayList<>(Ui.grid(buttons, 1));
        rows.add(List.of(new Button(ui.t("btn.done"), "REG_NEEDS:done")));
        return rows;
    }

    private void language() {
        Optional<Language> likely = Optional.ofNullable(turn.user().getLanguage()).flatMap(Language::fromCode)
                .or(() -> Optional.ofNullable(turn.preferred));
        List<Language> order = new ArrayList<>(List.of(Language.values()));
        String text;
        if (likely.isPresent()) {
            order.remove(likely.get());
            order.addFirst(likely.get());
            text = Ui.t(likely.get(), "lang.choose");
        } else {
            text = String.join("\n\n", order.stream().map(l -> Ui.t(l, "lang.choose")).toList());
        }
        ui.ask(text, List.of(order.stream().map(l -> new Button(Ui.t(l, "btn.lang.self"), "LANGUAGE:" + l.code())).toList()));
    }

    // === the questionnaire's questions, one per row of Questionnaire =========================================

    void name(Draft draft) {
        ui.say(ui.t("reg.name.ask"));
    }

    void birth(Draft draft) {
        ui.say(ui.t("reg.birth.ask"));
    }

    void sex(Draft draft) {
        ui.ask(ui.t("reg.sex.ask"), sexButtons(State.REG_SEX));
    }

    void citizenship(Draft draft) {
        ui.ask(ui.t("reg.citizenship.ask"), List.of(Traveller.CITIZENSHIPS.stream()
                .map(c -> button(State.REG_CITIZENSHIP, "btn.citizenship." + c, c)).toList()));
    }

    void documentType(Draft draft) {
        ui.ask(ui.t("reg.doc_type.ask"), Ui.grid(Traveller.DOCUMENT_TYPES.stream()
                .map(d -> button(State.REG_DOC_TYPE, "btn.doc." + d, d)).toList(), 2));
    }

    void documentNumber(Draft draft) {
        ui.say(ui.t("reg.doc_number.ask"));
    }

    /** The example number is of the applicant's country (a citizenship the catalog does not name gets +7). */
    void phone(Draft draft) {
        ui.send(ui.t("reg.phone.ask", "citizenship", Objects.toString(draft.applicant.citizenship, "")),
                ui.shareContact());
    }

    /** Telegram's share-location keyboard under the typing field, and the known places as buttons. */
    void location(Draft draft) {
        List<Button> places = new ArrayList<>(domain.places().locations().stream()
                .map(l -> new Button(turn.name(l), "REG_LOCATION:" + l.getId())).toList());
        places.add(button(State.REG_LOCATION, "btn.location.other", "other"));
        ui.send(ui.t("reg.location.share"), ui.shareLocation());
        ui.ask(ui.t("reg.location.ask"), Ui.grid(places, 2));
    }

    void otherLocation(Draft draft) {
        ui.say(ui.t("reg.location_other.ask"));
    }

    void destination(Draft draft) {
        ui.ask(ui.t("reg.destination.ask"), Ui.grid(domain.places().destinations().stream()
                .map(d -> new Button(turn.name(d), "REG_DESTINATION:" + d.getId())).toList(), 2));
    }

    void district(Draft draft) {
        ui.say(ui.t("reg.district.ask",
                "region", domain.places().destination(draft.destinationId).map(turn::name).orElse("")));
    }

    /**
     * The family so far, each member with a button to correct and one to remove them ({@code change.<place>.<list
     * version>}, {@code remove.…}: see {@link Draft#familyVersion}), then add another or done.
     */
    void family(Draft draft) {
        int count = draft.family.size();
        StringBuilder text = new StringBuilder();
        List<List<Button>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Draft.Person p = draft.family.get(i);
            text.append(views.member(i, p)).append('\n');
            String at = i + "." + draft.familyVersion;
            rows.add(List.of(
                    new Button(ui.t("btn.family.change", "number", i + 1, "name", p.fullName),
                            "REG_FAMILY:change." + at),
                    new Button(ui.t("btn.family.remove", "number", i + 1), "REG_FAMILY:remove." + at)));
        }
        if (count > 0) {
            text.append(ui.t("reg.family.change_hint")).append("\n\n");
        }
        text.append(ui.t("reg.family.ask", "count", count));
        rows.add(List.of(
                button(State.REG_FAMILY, count == 0 ? "btn.family.add" : "btn.family.another", "add"),
                button(State.REG_FAMILY, count == 0 ? "btn.family.alone" : "btn.done", "done")));
        ui.ask(text.toString(), rows);
    }

    void memberName(Draft draft) {
        int number = draft.memberIndex != null ? draft.memberIndex + 1 : draft.family.size() + 1;
        ui.say(ui.t("reg.member.name.ask", "number", number));
    }

    void memberBirth(Draft draft) {
        ui.say(ui.t("reg.member.birth.ask", "name", draft.member.fullName));
    }

    void memberSex(Draft draft) {
        ui.ask(ui.t("reg.member.sex.ask", "name", draft.member.fullName), sexButtons(State.FAM_SEX));
    }

    void memberRelation(Draft draft) {
        ui.ask(ui.t("reg.member.relation.ask", "name", draft.member.fullName), Ui.grid(Traveller.RELATIONS.stream()
                .map(r -> button(State.FAM_RELATION, "btn.relation." + r, r)).toList(), 2));
    }

    void needs(Draft draft) {
        ui.ask(ui.t("reg.needs.ask"), needsButtons(draft));
    }

    // === buttons =============================================================================================

    private Button button(State state, String labelKey, String value) {
        return new Button(ui.t(labelKey), state.name() + ":" + value);
    }

    private List<List<Button>> sexButtons(State state) {
        return List.of(List.of(button(state, "btn.sex.F", "F"), button(state, "btn.sex.M", "M")));
    }

    /** One edit button per topic of the questionnaire, then confirm (or save, when correcting a registration). */
    private List<List<Button>> summaryButtons(Draft draft) {
        List<Button> edits = new ArrayList<>();
        for (String topic : Questionnaire.topics()) {
            edits.add(button(State.REG_SUMMARY, "btn.edit." + topic, "edit." + topic));
        }
        List<List<Button>> rows = new ArrayList<>(Ui.grid(edits, 2));
        String confirm = draft.registrationId == null ? "btn.confirm" : "btn.save";
        rows.add(List.of(button(State.REG_SUMMARY, confirm, "confirm." + draft.summary)));
        return rows;
    }

    private List<List<Button>> consentButtons(boolean withFull) {
        List<List<Button>> rows = new ArrayList<>();
        rows.add(List.of(new Button(ui.t("btn.consent.agree"), "CONSENT:yes")));
        rows.add(List.of(new Button(ui.t("btn.consent.decline"), "CONSENT:no")));
        if (withFull) {
            rows.add(List.of(new Button(ui.t("btn.consent.full"), "CONSENT:full")));
        }
        return rows;
    }

    private List<List<Button>> yesNo(State state, String yesKey, String noKey) {
        return List.of(List.of(button(state, yesKey, "yes")), List.of(button(state, noKey, "no")));
    }
}
