package org.homeward.admin.registrations;

import org.homeward.admin.web.Names;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.homeward.core.departures.Departures;
import org.homeward.core.places.Places;
import org.homeward.core.registrations.History;
import org.homeward.core.registrations.Registrations;
import org.homeward.core.registrations.RegistrationCodes;
import org.homeward.core.registrations.StaffChanges;
import org.homeward.core.requirements.Requirements;
import org.homeward.db.enums.RegistrationStatus;
import org.homeward.db.enums.StaffStatus;
import org.homeward.db.jooq.tables.records.RegistrationRecord;
import org.homeward.db.jooq.tables.records.RequirementAnswerRecord;
import org.homeward.db.jooq.tables.records.RequirementRecord;
import org.homeward.db.jooq.tables.records.TravellerRecord;
import org.homeward.i18n.StaffLanguage;
import org.jooq.DSLContext;

/**
 * Everything the detail page shows of one registration: everyone travelling, needs, the route's requirements and
 * the answers, the departure and the person's answer to it, and the history with staff's notes.
 *
 * @param language the person's chat language (tg, ru, uz), or "-"
 * @param departure the departure it is assigned to, or null
 * @param next the statuses staff may move it to from here
 */
public record Detail(RegistrationRecord registration, List<TravellerRecord> people, String language, Names names,
                     List<Answer> answers, Departure departure, List<History.Event> history, List<StaffStatus> next) {
    /**
     * A requirement of the route and the answer to its question (null: not asked, or not answered since it was last
     * asked); {@code earlier} is an answer given before the question was asked again (kept, no longer counted),
     * {@code version} and {@code at} say which version the shown answer answers and when.
     */
    public record Answer(String text, String question, Boolean yes, Boolean earlier, Integer version, Instant at) {}

    /** The departure: when (in its place's zone), from where, and the person's answer (null: none yet). */
    public record Departure(String when, String from, String answer) {}

    /** The registration as staff see it (a draft is still the person's: not shown). */
    static Optional<Detail> load(DSLContext tx, long id, StaffLanguage staffLanguage) {
        Registrations registrations = new Registrations(tx, new RegistrationCodes());
        Optional<RegistrationRecord> found = registrations.byId(id).filter(r -> r.getStatus() != RegistrationStatus.DRAFT);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RegistrationRecord r = found.get();
        Names names = new Names(tx, staffLanguage);
        String language = tx.select(TELEGRAM_USER.LANGUAGE).from(TELEGRAM_USER)
                .where(TELEGRAM_USER.CHAT_ID.eq(r.getChatId())).fetchOptional(TELEGRAM_USER.LANGUAGE).orElse(null);
        Requirements requirements = new Requirements(tx);
        Map<Integer, RequirementAnswerRecord> given = new java.util.HashMap<>();
        requirements.answerHistory(id).forEach(a -> given.put(a.value1().getRequirementId(), a.value1()));
        List<Answer> answers = new ArrayList<>();
        // Requirement texts exist in the migrants' languages only; Russian is the staff's.
        for (RequirementRecord q : requirements.forRoute(r.getLocationId(), r.getDestinationId())) {
            RequirementAnswerRecord a = given.get(q.getId());
            boolean current = a != null && a.getVersion() >= q.getAskedVersion();
            answers.add(new Answer(q.getTextRu(), q.getQuestionRu(), current ? a.getAnswer() : null,
                    a != null && !current ? a.getAnswer() : null, a == null ? null : a.getVersion(),
                    a == null ? null : a.getAnsweredAt()));
        }
        Departure departure = new Departures(tx).assignment(id).map(a -> {
            var d = a.departure();
            var from = new Places(tx).location(d.getLocationId());
            ZoneId zone = from.map(l -> ZoneId.of(l.getTimeZone())).orElse(ZoneId.of("UTC"));
            String when = d.getDepartsAt().atZone(zone).toLocalDateTime().toString().replace('T', ' ') + " (" + zone + ")";
            return new Departure(when, names.place(d.getLocationId(), null),
                    a.assignment().getAnswer() == null ? null : a.assignment().getAnswer().getLiteral());
        }).orElse(null);
        return Optional.of(new Detail(r, registrations.travellers(id), language == null ? "-" : language, names,
                answers, departure, History.of(tx, id), StaffChanges.NEXT.get(r.getStaffStatus())));
    }

    /** True when cancelled (not editable). */
    public boolean cancelled() {
        return registration.getStaffStatus() == StaffStatus.CANCELLED;
    }
}
