package org.homeward.bot.conversation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.homeward.bot.conversation.Ui.Button;
import org.homeward.core.Domain;
import org.homeward.core.departures.Departures;
import org.homeward.core.registrations.RegistrationForm;
import org.homeward.core.registrations.Validation;
import org.homeward.db.enums.DepartureAnswer;
import org.homeward.db.enums.RegistrationStatus;
import org.homeward.db.jooq.tables.records.DepartureRecord;
import org.homeward.db.jooq.tables.records.LocationRecord;
import org.homeward.db.jooq.tables.records.RegistrationRecord;
import org.homeward.db.jooq.tables.records.RequirementRecord;

/**
 * The texts that only show what is stored: "My data", the requirements, the departure, help, and the details of a
 * draft as the summary lists them. Nothing here changes the state or the draft; the buttons they carry are answered
 * by {@link Machine} ({@code g:rq:…}, {@code g:dep:…}, {@code g:del} from any state, {@code MYDATA:…} in that
 * state).
 */
final class Views {
    private final Turn turn;
    private final Domain domain;
    private final Ui ui;
    private final long chatId;
    private final Instant now;
    private final Conversation.Settings settings;

    Views(Turn turn) {
        this.turn = turn;
        this.domain = turn.domain;
        this.ui = turn.ui;
        this.chatId = turn.chatId;
        this.now = turn.now;
        this.settings = turn.settings;
    }

    /** "My data": the live registration with its code and status, or only the language and consent. */
    void myData() {
        Optional<RegistrationRecord> live = domain.registrations().live(chatId);
        String consent = ui.t(turn.user().getConsentAt() != null ? "mydata.consent.given" : "mydata.consent.not_given");
        if (live.isEmpty()) {
            ui.ask(ui.t("mydata.none", "language", Ui.t(ui.language(), "btn.lang.self"), "consent", consent),
                    List.of(List.of(deleteButton())));
            return;
        }
        RegistrationRecord r = live.get();
        ui.ask(ui.t("mydata.view", "code", r.getCode(), "status", statusText(r), "details", details(Draft.of(domain.registrations().form(r))),
                        "consent", consent),
                List.of(List.of(mine("btn.mydata.edit", "edit")),
                        List.of(mine("btn.mydata.cancel", "cancel")),
                        List.of(deleteButton())));
    }

    /**
     * The requirements for the person's route (the registration's, or the draft's so far, or all), then each
     * yes/no question of them with the answer given.
     */
    void requirements(Draft draft) {
        Optional<RegistrationRecord> live = domain.registrations().live(chatId);
        Integer locationId = live.map(RegistrationRecord::getLocationId).orElse(draft.locationId);
        Integer destinationId = live.map(RegistrationRecord::getDestinationId).orElse(draft.destinationId);
        List<RequirementRecord> list = domain.requirements().forRoute(locationId, destinationId);
        StringBuilder lines = new StringBuilder();
        for (RequirementRecord r : list) {
            lines.append("\n• ").append(turn.text(r.getTextTg(), r.getTextRu(), r.getTextUz()));
            if (locationId == null && destinationId == null && (r.getLocationCountry() != null || r.getDestinationCountry() != null)) {
                lines.append(' ').append(ui.t("req.route_note",
                        "from", country(r.getLocationCountry()), "to", country(r.getDestinationCountry())));
            }
        }
        String header = destinationId != null
                ? ui.t("req.header.route", "to", domain.places().destination(destinationId).map(turn::name).orElse(""))
                : ui.t("req.header.all");
        ui.send(header + "\n" + lines, ui.menu(live.isPresent()));
        if (live.isEmpty()) {
            return;
        }
        Map<Integer, Boolean> answers = domain.requirements().answers(live.get().getId());
        for (RequirementRecord r : list) {
            if (r.getQuestionRu() == null) {
                continue;
            }
            String question = turn.text(r.getQuestionTg(), r.getQuestionRu(), r.getQuestionUz());
            Boolean answer = answers.get(r.getId());
            if (answer != null) {
                question += "\n" + ui.t(answer ? "req.current.yes" : "req.current.no");
            }
            ui.ask(question, List.of(List.of(
                    new Button(ui.t("btn.yes"), "g:rq:" + r.getId() + ":y"),
                    new Button(ui.t("btn.no"), "g:rq:" + r.getId() + ":n"))));
        }
    }

    /** The assigned departure with its meeting point, or the status and the next departures from their place. */
    void departure() {
        Optional<RegistrationRecord> live = domain.registrations().live(chatId);
        if (live.isEmpty()) {
            List<DepartureRecord> next = domain.departures().next(null, null, now, settings.nextDeparturesShown());
            ui.ask(ui.t("dep.not_registered") + "\n\n" + departureList(next, true),
                    turn.consented() ? List.of(List.of(new Button(ui.t("btn.menu.register"), "g:reg"))) : List.of());
            return;
        }
        RegistrationRecord r = live.get();
        Optional<Departures.Assigned> assigned = domain.departures().assignment(r.getId());
        if (assigned.isPresent()) {
            DepartureRecord d = assigned.get().departure();
            LocationRecord from = domain.places().location(d.getLocationId()).orElseThrow();
            DepartureAnswer answer = assigned.get().assignment().getAnswer();
            String bring = turn.text(d.getBringTg(), d.getBringRu(), d.getBringUz());
            String text = ui.t("dep.assigned", "code", r.getCode(),
                    "when", departsAt(d, from),
                    "place", turn.name(from),
                    "meeting", turn.text(d.getMeetingPointTg(), d.getMeetingPointRu(), d.getMeetingPointUz()),
                    "bring", bring == null ? "—" : bring,
                    "answer", answer == null ? "none" : answer.getLiteral());
            if (Departures.open(d)) {
                ui.ask(text, List.of(List.of(new Button(ui.t("btn.dep.coming"), "g:dep:" + d.getId() + ":y")),
                        List.of(new Button(ui.t("btn.dep.cannot"), "g:dep:" + d.getId() + ":n"))));
            } else {
                // A bus gone or cancelled takes no more answers (a press would change nothing): no buttons.
                ui.say(text);
            }
            if (d.getMeetingLatitude() != null) {
                // A pin opens the phone's map app (https://core.telegram.org/bots/api#sendlocation).
                ui.location(d.getMeetingLatitude(), d.getMeetingLongitude());
            }
            return;
        }
        String status = ui.t("dep.none", "code", r.getCode(), "status", statusText(r));
        if (r.getLocationId() == null) {
            // A place typed by hand has no departures of its own: say what we know, and that staff will write.
            String hotline = turn.operation().getHotlinePhone();
            ui.say(status + "\n\n" + (r.getLocationOther() != null
                    ? ui.t("dep.next.other_place", "place", r.getLocationOther(), "hotline", hotline)
                    : ui.t("dep.next.unknown_place", "hotline", hotline)));
            return;
        }
        List<DepartureRecord> next = domain.departures().next(r.getLocationId(), r.getDestinationId(), now, settings.nextDeparturesShown());
        ui.say(status + "\n\n" + departureList(next, false));
    }

    private String departureList(List<DepartureRecord> next, boolean withPlace) {
        if (next.isEmpty()) {
            return ui.t("dep.next.none");
        }
        StringBuilder s = new StringBuilder(ui.t("dep.next.header"));
        for (DepartureRecord d : next) {
            LocationRecord from = domain.places().location(d.getLocationId()).orElseThrow();
            List<String> to = domain.departures().destinationsOf(d.getId()).stream().map(turn::name).toList();
            s.append("\n• ").append(ui.t(withPlace ? "dep.next.line" : "dep.next.line_here",
                    "when", departsAt(d, from),
                    "place", turn.name(from),
                    "to", to.isEmpty() ? "—" : String.join(", ", to)));
        }
        return s.toString();
    }

    /** A departure's time in its departure point's zone, which the catalogs' {@code {when, date, …}} show. */
    private static ZonedDateTime departsAt(DepartureRecord d, LocationRecord from) {
        return d.getDepartsAt().atZone(ZoneId.of(from.getTimeZone()));
    }

    /** Help: what the operation is and its hotline, with the main menu. */
    void help() {
        // The first menu button reads "My registration" once registered; help names it as the menu shows it.
        boolean registered = turn.registered();
        ui.send(ui.t("help.text", "operation", turn.operationName(), "hotline", turn.operation().getHotlinePhone(),
                "registered", registered ? "yes" : "no"), ui.menu(registered));
    }

    /** The registration's status in words: cancelled, on a departure, or confirmed and waiting. */
    String statusText(RegistrationRecord r) {
        if (r.getStatus() == RegistrationStatus.CANCELLED) {
            return ui.t("mydata.status.cancelled");
        }
        return domain.departures().assignment(r.getId()).map(a -> ui.t("mydata.status.assigned")).orElse(ui.t("mydata.status.confirmed"));
    }

    /** Everything in a draft, for the summary and "My data"; document numbers masked. */
    String details(Draft d) {
        Draft.Person a = d.applicant;
        String document = a.documentType == null ? "—"
                : ui.t("btn.doc." + a.documentType) + (a.documentNumber == null ? "" : " " + Validation.mask(a.documentNumber));
        String place = d.locationId != null ? domain.places().location(d.locationId).map(turn::name).orElse("—")
                : d.locationOther != null ? d.locationOther : "—";
        StringBuilder family = new StringBuilder();
        for (int i = 0; i < d.family.size(); i++) {
            family.append("\n").append(member(i, d.family.get(i)));
        }
        // In the buttons' order, however they were pressed: the draft's set keeps no order once read back from jsonb.
        String needs = d.needs.isEmpty() ? ui.t("reg.summary.no_needs")
                : String.join(", ", RegistrationForm.NEEDS.stream().filter(d.needs::contains)
                        .map(n -> ui.t("btn.need." + n)).toList());
        return ui.t("reg.summary.details",
                "name", a.fullName == null ? "—" : a.fullName,
                "birth", Formats.day(a.birthDate),
                "sex", a.sex == null ? "—" : ui.t("btn.sex." + a.sex),
                "citizenship", a.citizenship == null ? "—" : ui.t("btn.citizenship." + a.citizenship),
                "document", document,
                "phone", d.phone == null ? "—" : d.phone,
                "place", place,
                "destination", domain.places().destination(d.destinationId).map(turn::name).orElse("—")
                        + (d.district == null ? "" : ", " + d.district),
                "count", d.family.size(),
                "family", family.toString(),
                "needs", needs);
    }

    /** One family member's line, numbered from 1 as the family list's buttons are. */
    String member(int index, Draft.Person p) {
        return ui.t("reg.summary.member", "number", index + 1, "name", p.fullName,
                "birth", Formats.day(p.birthDate), "sex", p.sex == null ? "—" : ui.t("btn.sex." + p.sex),
                "relation", p.relation == null ? "—" : ui.t("btn.relation." + p.relation));
    }

    private String country(String code) {
        if (code == null) {
            return "—";
        }
        String key = "misc.country." + code;
        return org.homeward.i18n.Messages.get().has(ui.language(), key) ? ui.t(key) : code;
    }

    /**
     * "Delete all my data": a button that works from any state ({@code g:del}), so the request is never refused as
     * an old button because the person read something else since.
     */
    private Button deleteButton() {
        return new Button(ui.t("btn.mydata.delete"), "g:del");
    }

    /** A button of the "My data" message, answered in that state. */
    private Button mine(String labelKey, String value) {
        return new Button(ui.t(labelKey), State.MYDATA.name() + ":" + value);
    }
}
