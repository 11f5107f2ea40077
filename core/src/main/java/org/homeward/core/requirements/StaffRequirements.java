package org.homeward.core.requirements;

import static org.homeward.db.jooq.Tables.DELIVERY;
import static org.homeward.db.jooq.Tables.DEPARTURE;
import static org.homeward.db.jooq.Tables.DEPARTURE_ASSIGNMENT;
import static org.homeward.db.jooq.Tables.DESTINATION;
import static org.homeward.db.jooq.Tables.LOCATION;
import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.REQUIREMENT;
import static org.homeward.db.jooq.Tables.REQUIREMENT_ANSWER;
import static org.homeward.db.jooq.Tables.REQUIREMENT_VERSION;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;
import static org.homeward.db.jooq.Tables.TRAVELLER;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.homeward.core.outbox.Audience;
import org.homeward.core.outbox.OutgoingMessage;
import org.homeward.core.outbox.OutgoingMessage.Button;
import org.homeward.core.outbox.OutgoingMessage.Text;
import org.homeward.core.outbox.Outbox;
import org.homeward.db.enums.RegistrationStatus;
import org.homeward.db.enums.StaffStatus;
import org.homeward.db.jooq.tables.records.RequirementRecord;
import org.homeward.db.jooq.tables.records.RequirementVersionRecord;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Requirements as staff run them: every change is published as a new version (all versions kept), and publishing
 * tells exactly the people it concerns — a live registration on its route — in their language, through the outbox
 * in the caller's transaction, asking its yes/no question again when the question is new or changed. Works on the
 * caller's transaction.
 */
public final class StaffRequirements {
    /** The longest requirement text (the table's check). */
    public static final int MAX_TEXT = 1000;
    /** The longest question (the table's check). */
    public static final int MAX_QUESTION = 300;

    private final DSLContext tx;
    private final Outbox outbox;

    /** Requirements read and written in {@code tx}, notices enqueued on {@code outbox}. */
    public StaffRequirements(DSLContext tx, Outbox outbox) {
        this.tx = tx;
        this.outbox = outbox;
    }

    /**
     * Whom a requirement is for: a departure place or a departure country (or neither: from anywhere), and a
     * destination region or a destination country (or neither: to anywhere).
     */
    public record Route(Integer locationId, String locationCountry, Integer destinationId, String destinationCountry) {
        /** Every route. */
        public static final Route ANY = new Route(null, null, null, null);

        /** The route of a requirement as stored. */
        public static Route of(RequirementRecord r) {
            return new Route(r.getLocationId(), trim(r.getLocationCountry()), r.getDestinationId(), trim(r.getDestinationCountry()));
        }

        /** The route of a published version. */
        public static Route of(RequirementVersionRecord r) {
            return new Route(r.getLocationId(), trim(r.getLocationCountry()), r.getDestinationId(), trim(r.getDestinationCountry()));
        }
    }

    /** What staff fill in: the route, the text in three languages, an optional question in all three. */
    public record Draft(Route route, String textTg, String textRu, String textUz, String questionTg,
                        String questionRu, String questionUz, boolean askAgain) {
        /** Strips the texts; a blank question is none. */
        public Draft {
            Objects.requireNonNull(route, "route");
            textTg = strip(textTg);
            textRu = strip(textRu);
            textUz = strip(textUz);
            questionTg = strip(questionTg);
            questionRu = strip(questionRu);
            questionUz = strip(questionUz);
        }

        /** Whether it has a question (in any language). */
        public boolean hasQuestion() {
            return questionTg != null || questionRu != null || questionUz != null;
        }
    }

    /** What became of a publish. */
    public sealed interface Published {
        /** Published as {@code version}; {@code recipients} people were told. */
        record Done(int requirementId, int version, int recipients, boolean asked) implements Published {}

        /** Refused: an error code per field ({@code text_ru → required}, {@code location → both}, ...); nothing saved. */
        record Invalid(Map<String, String> errors) implements Published {}

        /** Someone published another version meanwhile; nothing saved. */
        record Stale(int version, Long publishedBy, Instant publishedAt) implements Published {}

        /** No such requirement. */
        record Gone() implements Published {}
    }

    /** Answers to a question over registrations, and the travellers on them. */
    public record Counts(int yes, int no, int unanswered, int yesTravellers, int noTravellers, int unansweredTravellers) {
        /** No registrations. */
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);
    }

    /** Every requirement, active first, grouped by route (from anywhere first). */
    public List<RequirementRecord> all() {
        return tx.selectFrom(REQUIREMENT)
                .orderBy(REQUIREMENT.ACTIVE.desc(), REQUIREMENT.LOCATION_COUNTRY.asc().nullsFirst(),
                        REQUIREMENT.LOCATION_ID.asc().nullsFirst(), REQUIREMENT.DESTINATION_COUNTRY.asc().nullsFirst(),
                        REQUIREMENT.DESTINATION_ID.asc().nullsFirst(), REQUIREMENT.SORT_ORDER, REQUIREMENT.ID)
                .fetch();
    }

    /** A requirement as stored, if any. */
    public Optional<RequirementRecord> find(int requirementId) {
        return tx.selectFrom(REQUIREMENT).where(REQUIREMENT.ID.eq(requirementId)).fetchOptional();
    }

    /** Every published version of a requirement, newest first. */
    public List<RequirementVersionRecord> versions(int requirementId) {
        return tx.selectFrom(REQUIREMENT_VERSION).where(REQUIREMENT_VERSION.REQUIREMENT_ID.eq(requirementId))
                .orderBy(REQUIREMENT_VERSION.VERSION.desc()).fetch();
    }

    /** Creates and publishes a requirement (version 1), telling everyone on its route. */
    public Published create(Draft draft, long staffId, Instant now) {
        Map<String, String> errors = validate(draft);
        if (!errors.isEmpty()) {
            return new Published.Invalid(errors);
        }
        Integer order = tx.select(DSL.max(REQUIREMENT.SORT_ORDER)).from(REQUIREMENT).fetchOne(0, Integer.class);
        RequirementRecord r = tx.newRecord(REQUIREMENT);
        // A code is needed by the table; the id makes it unique, so a placeholder first.
        r.setCode("new_" + java.util.UUID.randomUUID().toString().replace("-", ""));
        apply(r, draft);
        r.setSortOrder(order == null ? 10 : order + 10);
        r.setActive(true);
        r.setVersion(1);
        r.setAskedVersion(1);
        r.setCreatedAt(now);
        r.setUpdatedAt(now);
        r.store();
        r.setCode("req_" + r.getId());
        r.store();
        int recipients = notify(r, Route.of(r), Change.NEW, draft.hasQuestion());
        keep(r, draft.hasQuestion(), staffId, now, recipients);
        return new Published.Done(r.getId(), 1, recipients, draft.hasQuestion());
    }

    /**
     * Publishes a new version of a requirement read at {@code expectedVersion}: refused when another was published
     * meanwhile or nothing changed. The question is asked again when it is new or its text changed, or when
     * {@code draft.askAgain()}; earlier answers then stay in history but no longer count. When the route narrows,
     * the people it no longer concerns are told it no longer applies to them.
     */
    public Published edit(int requirementId, int expectedVersion, Draft draft, long staffId, Instant now) {
        RequirementRecord r = lock(requirementId).orElse(null);
        if (r == null) {
            return new Published.Gone();
        }
        if (r.getVersion() != expectedVersion) {
            return stale(r);
        }
        Map<String, String> errors = validate(draft);
        boolean questionChanged = !Objects.equals(List.of(nz(r.getQuestionTg()), nz(r.getQuestionRu()), nz(r.getQuestionUz())),
                List.of(nz(draft.questionTg()), nz(draft.questionRu()), nz(draft.questionUz())));
        boolean ask = draft.hasQuestion() && (questionChanged || draft.askAgain() || !r.getActive());
        if (errors.isEmpty() && r.getActive() && !ask && !questionChanged && Route.of(r).equals(draft.route())
                && r.getTextTg().equals(draft.textTg()) && r.getTextRu().equals(draft.textRu())
                && r.getTextUz().equals(draft.textUz())) {
            errors.put("form", "unchanged");
        }
        if (!errors.isEmpty()) {
            return new Published.Invalid(errors);
        }
        Route before = Route.of(r);
        boolean wasActive = r.getActive();
        apply(r, draft);
        r.setActive(true);
        r.setVersion(r.getVersion() + 1);
        if (ask) {
            r.setAskedVersion(r.getVersion());
        }
        r.setUpdatedAt(now);
        r.store();
        int recipients = notify(r, draft.route(), wasActive ? Change.CHANGED : Change.NEW, ask);
        if (wasActive && !before.equals(draft.route())) {
            recipients += notify(r, before, draft.route(), Change.REMOVED, false);
        }
        keep(r, ask, staffId, now, recipients);
        return new Published.Done(r.getId(), r.getVersion(), recipients, ask);
    }

    /** Publishes that a requirement no longer applies, telling everyone on its route; refused when stale. */
    public Published deactivate(int requirementId, int expectedVersion, long staffId, Instant now) {
        RequirementRecord r = lock(requirementId).orElse(null);
        if (r == null) {
            return new Published.Gone();
        }
        if (r.getVersion() != expectedVersion) {
            return stale(r);
        }
        if (!r.getActive()) {
            return new Published.Invalid(Map.of("form", "inactive"));
        }
        r.setActive(false);
        r.setVersion(r.getVersion() + 1);
        r.setUpdatedAt(now);
        r.store();
        int recipients = notify(r, Route.of(r), Change.REMOVED, false);
        keep(r, false, staffId, now, recipients);
        return new Published.Done(r.getId(), r.getVersion(), recipients, false);
    }

    /**
     * The registrations a route concerns: confirmed by the person, neither departed nor cancelled, whose place and
     * destination match it by the rules of {@link Requirements#forRoute} (a registration with no known place or
     * destination is concerned by every place's or destination's requirement, as the bot shows it them all).
     */
    public static Condition concerned(Route route) {
        return REGISTRATION.STATUS.eq(RegistrationStatus.CONFIRMED)
                .and(REGISTRATION.STAFF_STATUS.notIn(StaffStatus.DEPARTED, StaffStatus.CANCELLED))
                .and(onRoute(route));
    }

    /** How many people a publish on {@code route} would tell now (reachable chats with a live registration on it). */
    public int concernedCount(Route route) {
        return tx.fetchCount(DSL.selectDistinct(REGISTRATION.CHAT_ID).from(REGISTRATION).join(TELEGRAM_USER)
                .on(TELEGRAM_USER.CHAT_ID.eq(REGISTRATION.CHAT_ID))
                .where(concerned(route)).and(TELEGRAM_USER.UNREACHABLE_AT.isNull()));
    }

    /** The answers to a requirement's current question over everyone it concerns now. */
    public Counts counts(RequirementRecord r) {
        return counts(r, concerned(Route.of(r)));
    }

    /** The answers to a requirement's current question over these registrations. */
    public Counts counts(RequirementRecord r, Collection<Long> registrationIds) {
        return counts(r, REGISTRATION.ID.in(registrationIds));
    }

    private Counts counts(RequirementRecord r, Condition registrations) {
        Field<Boolean> answer = DSL.field(DSL.select(REQUIREMENT_ANSWER.ANSWER).from(REQUIREMENT_ANSWER)
                .where(REQUIREMENT_ANSWER.REGISTRATION_ID.eq(REGISTRATION.ID),
                        REQUIREMENT_ANSWER.REQUIREMENT_ID.eq(r.getId()),
                        REQUIREMENT_ANSWER.VERSION.ge(r.getAskedVersion()))).as("answer");
        Field<Integer> travellers = DSL.field(DSL.selectCount().from(TRAVELLER)
                .where(TRAVELLER.REGISTRATION_ID.eq(REGISTRATION.ID))).as("travellers");
        int[] c = new int[6];
        for (var row : tx.select(answer, travellers).from(REGISTRATION).where(registrations).fetch()) {
            int bucket = row.value1() == null ? 2 : row.value1() ? 0 : 1;
            c[bucket]++;
            c[bucket + 3] += row.value2();
        }
        return new Counts(c[0], c[1], c[2], c[3], c[4], c[5]);
    }

    /**
     * The current answers of these registrations to these requirements: requirement id → registration id → yes/no
     * (absent: not answered since the question was last asked).
     */
    public Map<Integer, Map<Long, Boolean>> currentAnswers(Collection<RequirementRecord> requirements,
                                                          Collection<Long> registrationIds) {
        Map<Integer, Map<Long, Boolean>> out = new LinkedHashMap<>();
        for (RequirementRecord r : requirements) {
            out.put(r.getId(), new HashMap<>());
        }
        if (requirements.isEmpty() || registrationIds.isEmpty()) {
            return out;
        }
        Condition current = DSL.falseCondition();
        for (RequirementRecord r : requirements) {
            current = current.or(REQUIREMENT_ANSWER.REQUIREMENT_ID.eq(r.getId())
                    .and(REQUIREMENT_ANSWER.VERSION.ge(r.getAskedVersion())));
        }
        tx.selectFrom(REQUIREMENT_ANSWER).where(REQUIREMENT_ANSWER.REGISTRATION_ID.in(registrationIds)).and(current)
                .forEach(a -> out.get(a.getRequirementId()).put(a.getRegistrationId(), a.getAnswer()));
        return out;
    }

    /** Active requirements with a question whose route takes in a departure from {@code locationId} (to any of its destinations). */
    public List<RequirementRecord> questionsFrom(int locationId) {
        String country = tx.select(LOCATION.COUNTRY).from(LOCATION).where(LOCATION.ID.eq(locationId)).fetchOne(LOCATION.COUNTRY);
        return tx.selectFrom(REQUIREMENT)
                .where(REQUIREMENT.ACTIVE.isTrue(), REQUIREMENT.QUESTION_RU.isNotNull(),
                        REQUIREMENT.LOCATION_ID.isNull().or(REQUIREMENT.LOCATION_ID.eq(locationId)),
                        REQUIREMENT.LOCATION_COUNTRY.isNull().or(REQUIREMENT.LOCATION_COUNTRY.eq(country)))
                .orderBy(REQUIREMENT.SORT_ORDER, REQUIREMENT.ID).fetch();
    }

    /** A question's answers among a departure's passengers on its route: counts and each registration's answer. */
    public record OnDeparture(RequirementRecord requirement, Counts counts, Map<Long, Boolean> answers,
                              java.util.Set<Long> concerned) {}

    /**
     * For each active requirement with a question that concerns someone on the departure: how its passengers on
     * the requirement's route answered (registrations, and the travellers on them).
     */
    public List<OnDeparture> onDeparture(long departureId) {
        Integer locationId = tx.select(DEPARTURE.LOCATION_ID).from(DEPARTURE).where(DEPARTURE.ID.eq(departureId))
                .fetchOne(DEPARTURE.LOCATION_ID);
        if (locationId == null) {
            return List.of();
        }
        var passengers = DSL.select(DEPARTURE_ASSIGNMENT.REGISTRATION_ID).from(DEPARTURE_ASSIGNMENT)
                .where(DEPARTURE_ASSIGNMENT.DEPARTURE_ID.eq(departureId));
        List<OnDeparture> out = new ArrayList<>();
        for (RequirementRecord r : questionsFrom(locationId)) {
            List<Long> ids = tx.select(REGISTRATION.ID).from(REGISTRATION)
                    .where(REGISTRATION.ID.in(passengers)).and(onRoute(Route.of(r))).fetch(REGISTRATION.ID);
            if (ids.isEmpty()) {
                continue;
            }
            out.add(new OnDeparture(r, counts(r, ids), currentAnswers(List.of(r), ids).get(r.getId()),
                    java.util.Set.copyOf(ids)));
        }
        return out;
    }

    /** The route part of {@link #concerned} only, whatever the registration's status. */
    static Condition onRoute(Route route) {
        Condition c = DSL.trueCondition();
        if (route.locationId() != null) {
            c = c.and(REGISTRATION.LOCATION_ID.isNull().or(REGISTRATION.LOCATION_ID.eq(route.locationId())));
        }
        if (route.locationCountry() != null) {
            c = c.and(REGISTRATION.LOCATION_ID.isNull().or(REGISTRATION.LOCATION_ID.in(
                    DSL.select(LOCATION.ID).from(LOCATION).where(LOCATION.COUNTRY.eq(route.locationCountry())))));
        }
        if (route.destinationId() != null) {
            c = c.and(REGISTRATION.DESTINATION_ID.isNull().or(REGISTRATION.DESTINATION_ID.eq(route.destinationId())));
        }
        if (route.destinationCountry() != null) {
            c = c.and(REGISTRATION.DESTINATION_ID.isNull().or(REGISTRATION.DESTINATION_ID.in(
                    DSL.select(DESTINATION.ID).from(DESTINATION).where(DESTINATION.COUNTRY.eq(route.destinationCountry())))));
        }
        return c;
    }

    /** Field → error code for a draft; empty when it may be published. */
    Map<String, String> validate(Draft d) {
        Map<String, String> errors = new LinkedHashMap<>();
        text(errors, "text_tg", d.textTg(), MAX_TEXT);
        text(errors, "text_ru", d.textRu(), MAX_TEXT);
        text(errors, "text_uz", d.textUz(), MAX_TEXT);
        if (d.hasQuestion()) {
            text(errors, "question_tg", d.questionTg(), MAX_QUESTION);
            text(errors, "question_ru", d.questionRu(), MAX_QUESTION);
            text(errors, "question_uz", d.questionUz(), MAX_QUESTION);
        }
        Route r = d.route();
        if (r.locationId() != null && r.locationCountry() != null) {
            errors.put("location", "both");
        } else if (r.locationId() != null && !tx.fetchExists(LOCATION, LOCATION.ID.eq(r.locationId()))) {
            errors.put("location", "unknown");
        } else if (r.locationCountry() != null && !tx.fetchExists(LOCATION, LOCATION.COUNTRY.eq(r.locationCountry()))) {
            errors.put("location", "unknown");
        }
        if (r.destinationId() != null && r.destinationCountry() != null) {
            errors.put("destination", "both");
        } else if (r.destinationId() != null && !tx.fetchExists(DESTINATION, DESTINATION.ID.eq(r.destinationId()))) {
            errors.put("destination", "unknown");
        } else if (r.destinationCountry() != null
                && !tx.fetchExists(DESTINATION, DESTINATION.COUNTRY.eq(r.destinationCountry()))) {
            errors.put("destination", "unknown");
        }
        return errors;
    }

    private static void text(Map<String, String> errors, String field, String value, int max) {
        if (value == null) {
            errors.put(field, "required");
        } else if (value.length() > max) {
            errors.put(field, "too_long");
        }
    }

    private enum Change {
        NEW("req.notice.new"), CHANGED("req.notice.changed"), REMOVED("req.notice.removed");

        final String key;

        Change(String key) {
            this.key = key;
        }
    }

    /** Tells everyone {@code route} concerns; returns how many. */
    private int notify(RequirementRecord r, Route route, Change change, boolean ask) {
        return notify(r, route, null, change, ask);
    }

    /** Tells everyone {@code route} concerns but {@code except} does not; returns how many. */
    private int notify(RequirementRecord r, Route route, Route except, Change change, boolean ask) {
        Map<Language, String> texts = texts(change, r.getTextTg(), r.getTextRu(), r.getTextUz(),
                ask ? r.getQuestionTg() : null, ask ? r.getQuestionRu() : null, ask ? r.getQuestionUz() : null);
        List<List<Button>> keyboard = new ArrayList<>();
        if (ask) {
            keyboard.add(List.of(Button.callback(Text.key("btn.yes", Map.of()), "g:rq:" + r.getId() + ":y"),
                    Button.callback(Text.key("btn.no", Map.of()), "g:rq:" + r.getId() + ":n")));
        }
        Condition who = concerned(route);
        if (except != null) {
            who = who.andNot(concerned(except));
        }
        long id = outbox.enqueue(tx, new OutgoingMessage("requirement", Text.written(texts), keyboard, false),
                Audience.where(TELEGRAM_USER.CHAT_ID.in(DSL.select(REGISTRATION.CHAT_ID).from(REGISTRATION).where(who))));
        return tx.fetchCount(DELIVERY, DELIVERY.MESSAGE_ID.eq(id));
    }

    /** The notice a publish would send, per language, and whether it asks the question (with the yes/no buttons). */
    public record Notice(Map<Language, String> texts, boolean asks) {}

    /**
     * The notice publishing {@code draft} would send: as a new requirement when {@code current} is null (or
     * withdrawn), else as a change; asking the question when it is new or changed or asked again.
     */
    public static Notice notice(RequirementRecord current, Draft draft) {
        boolean isNew = current == null || !current.getActive();
        boolean ask = draft.hasQuestion() && (isNew || draft.askAgain()
                || !Objects.equals(current.getQuestionTg(), draft.questionTg())
                || !Objects.equals(current.getQuestionRu(), draft.questionRu())
                || !Objects.equals(current.getQuestionUz(), draft.questionUz()));
        return new Notice(texts(isNew ? Change.NEW : Change.CHANGED, draft.textTg(), draft.textRu(), draft.textUz(),
                ask ? draft.questionTg() : null, ask ? draft.questionRu() : null, ask ? draft.questionUz() : null), ask);
    }

    private static Map<Language, String> texts(Change change, String tg, String ru, String uz, String qTg, String qRu,
                                               String qUz) {
        Map<Language, String> texts = new EnumMap<>(Language.class);
        for (Language l : Language.values()) {
            String body = Messages.get().format(l, change.key, Map.of("text", nz(pick(l, tg, ru, uz))));
            String question = pick(l, qTg, qRu, qUz);
            if (question != null) {
                body += "\n\n" + Messages.get().format(l, "req.notice.question", Map.of("question", question));
            }
            texts.put(l, body);
        }
        return texts;
    }

    private void keep(RequirementRecord r, boolean asked, long staffId, Instant now, int recipients) {
        RequirementVersionRecord v = tx.newRecord(REQUIREMENT_VERSION);
        v.setRequirementId(r.getId());
        v.setVersion(r.getVersion());
        v.setLocationId(r.getLocationId());
        v.setLocationCountry(r.getLocationCountry());
        v.setDestinationId(r.getDestinationId());
        v.setDestinationCountry(r.getDestinationCountry());
        v.setTextTg(r.getTextTg());
        v.setTextRu(r.getTextRu());
        v.setTextUz(r.getTextUz());
        v.setQuestionTg(r.getQuestionTg());
        v.setQuestionRu(r.getQuestionRu());
        v.setQuestionUz(r.getQuestionUz());
        v.setActive(r.getActive());
        v.setAsked(asked);
        v.setPublishedBy(staffId);
        v.setPublishedAt(now);
        v.setRecipients(recipients);
        v.insert();
    }

    private Published stale(RequirementRecord r) {
        var last = tx.selectFrom(REQUIREMENT_VERSION).where(REQUIREMENT_VERSION.REQUIREMENT_ID.eq(r.getId()),
                REQUIREMENT_VERSION.VERSION.eq(r.getVersion())).fetchOptional();
        return new Published.Stale(r.getVersion(), last.map(RequirementVersionRecord::getPublishedBy).orElse(null),
                last.map(RequirementVersionRecord::getPublishedAt).orElse(r.getUpdatedAt()));
    }

    private static void apply(RequirementRecord r, Draft d) {
        r.setLocationId(d.route().locationId());
        r.setLocationCountry(d.route().locationCountry());
        r.setDestinationId(d.route().destinationId());
        r.setDestinationCountry(d.route().destinationCountry());
        r.setTextTg(d.textTg());
        r.setTextRu(d.textRu());
        r.setTextUz(d.textUz());
        r.setQuestionTg(d.questionTg());
        r.setQuestionRu(d.questionRu());
        r.setQuestionUz(d.questionUz());
    }

    private Optional<RequirementRecord> lock(int requirementId) {
        return tx.selectFrom(REQUIREMENT).where(REQUIREMENT.ID.eq(requirementId)).forUpdate().fetchOptional();
    }

    private static String pick(Language l, String tg, String ru, String uz) {
        return switch (l) {
            case TG -> tg;
            case RU -> ru;
            case UZ -> uz;
        };
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
