package org.homeward.bot.conversation;

import static org.homeward.db.jooq.Tables.CONVERSATION;
import static org.homeward.db.jooq.Tables.DELETION_STATS;
import static org.homeward.db.jooq.Tables.DEPARTURE;
import static org.homeward.db.jooq.Tables.DEPARTURE_ASSIGNMENT;
import static org.homeward.db.jooq.Tables.DEPARTURE_DESTINATION;
import static org.homeward.db.jooq.Tables.DESTINATION;
import static org.homeward.db.jooq.Tables.LOCATION;
import static org.homeward.db.jooq.Tables.OPERATION_SETTINGS;
import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.REQUIREMENT;
import static org.homeward.db.jooq.Tables.REQUIREMENT_ANSWER;
import static org.homeward.db.jooq.Tables.INBOX;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;
import static org.homeward.db.jooq.Tables.TRAVELLER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.homeward.db.jooq.tables.records.DepartureAssignmentRecord;
import org.homeward.db.jooq.tables.records.DepartureRecord;
import org.homeward.db.jooq.tables.records.DestinationRecord;
import org.homeward.db.jooq.tables.records.LocationRecord;
import org.homeward.db.jooq.tables.records.OperationSettingsRecord;
import org.homeward.db.jooq.tables.records.RegistrationRecord;
import org.homeward.db.jooq.tables.records.RequirementRecord;
import org.homeward.db.jooq.tables.records.TelegramUserRecord;
import org.homeward.db.jooq.tables.records.TravellerRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/** The conversation's reads and writes, all inside the transaction of the update being handled. */
final class Store {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Citizenship stored for "other": ISO 3166's user-assigned code for an unknown state. */
    static final String OTHER_CITIZENSHIP = "XX";

    private final DSLContext tx;

    Store(DSLContext tx) {
        this.tx = tx;
    }

    // --- the person and their chat ------------------------------------------------------------------------

    TelegramUserRecord touchUser(long chatId, Instant now) {
        // One round trip: the upsert returns the row as it now is.
        return tx.insertInto(TELEGRAM_USER)
                .set(TELEGRAM_USER.CHAT_ID, chatId)
                .set(TELEGRAM_USER.CREATED_AT, now)
                .set(TELEGRAM_USER.LAST_SEEN_AT, now)
                .onConflict(TELEGRAM_USER.CHAT_ID)
                .doUpdate()
                .set(TELEGRAM_USER.LAST_SEEN_AT, now)
                // Writing again means they unblocked the bot: proactive messages reach them again (delivery).
                .setNull(TELEGRAM_USER.UNREACHABLE_AT)
                .setNull(TELEGRAM_USER.UNREACHABLE_REASON)
                .returning()
                .fetchSingle();
    }

    void setLanguage(long chatId, String code) {
        tx.update(TELEGRAM_USER).set(TELEGRAM_USER.LANGUAGE, code).where(TELEGRAM_USER.CHAT_ID.eq(chatId)).execute();
    }

    void consent(long chatId, int version, Instant now) {
        tx.update(TELEGRAM_USER)
                .set(TELEGRAM_USER.CONSENT_VERSION, version)
                .set(TELEGRAM_USER.CONSENT_AT, now)
                .setNull(TELEGRAM_USER.CONSENT_DECLINED_AT)
                .where(TELEGRAM_USER.CHAT_ID.eq(chatId))
                .execute();
    }

    void decline(long chatId, Instant now) {
        tx.update(TELEGRAM_USER)
                .setNull(TELEGRAM_USER.CONSENT_VERSION)
                .setNull(TELEGRAM_USER.CONSENT_AT)
                .set(TELEGRAM_USER.CONSENT_DECLINED_AT, now)
                .where(TELEGRAM_USER.CHAT_ID.eq(chatId))
                .execute();
    }

    record Saved(State state, Draft draft) {}

    Optional<Saved> load(long chatId) {
        var row = tx.select(CONVERSATION.STATE, CONVERSATION.DRAFT).from(CONVERSATION)
                .where(CONVERSATION.CHAT_ID.eq(chatId)).fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        State state;
        try {
            state = State.valueOf(row.value1());
        } catch (IllegalArgumentException e) {
            // A state from an older version of the bot: start again from the menu, keeping the answers.
            state = State.MENU;
        }
        try {
            return Optional.of(new Saved(state, JSON.readValue(row.value2().data(), Draft.class)));
        } catch (JsonProcessingException e) {
            return Optional.of(new Saved(state, new Draft()));
        }
    }

    void save(long chatId, State state, Draft draft, Instant now) {
        JSONB json;
        try {
            json = JSONB.valueOf(JSON.writeValueAsString(draft));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("draft not serialisable", e);
        }
        tx.insertInto(CONVERSATION)
                .set(CONVERSATION.CHAT_ID, chatId)
                .set(CONVERSATION.STATE, state.name())
                .set(CONVERSATION.DRAFT, json)
                .set(CONVERSATION.UPDATED_AT, now)
                .onConflict(CONVERSATION.CHAT_ID)
                .doUpdate()
                .set(CONVERSATION.STATE, state.name())
                .set(CONVERSATION.DRAFT, json)
                .set(CONVERSATION.UPDATED_AT, now)
                .execute();
    }

    OperationSettingsRecord settings() {
        return tx.selectFrom(OPERATION_SETTINGS).fetchSingle();
    }

    /** Runs {@code work} inside a savepoint: if it fails, only its own writes are undone. */
    void savepoint(Runnable work) {
        tx.transaction(nested -> work.run());
    }

    // --- places ---------------------------------------------------------------------------------------------

    List<LocationRecord> locations() {
        return tx.selectFrom(LOCATION).where(LOCATION.ACTIVE.isTrue()).orderBy(LOCATION.SORT_ORDER, LOCATION.ID).fetch();
    }

    Optional<LocationRecord> location(Integer id) {
        return id == null ? Optional.empty() : tx.selectFrom(LOCATION).where(LOCATION.ID.eq(id)).fetchOptional();
    }

    List<DestinationRecord> destinations() {
        return tx.selectFrom(DESTINATION).where(DESTINATION.ACTIVE.isTrue()).orderBy(DESTINATION.SORT_ORDER, DESTINATION.ID).fetch();
    }

    Optional<DestinationRecord> destination(Integer id) {
        return id == null ? Optional.empty() : tx.selectFrom(DESTINATION).where(DESTINATION.ID.eq(id)).fetchOptional();
    }

    // --- registrations --------------------------------------------------------------------------------------

    /** The person's registration that is not cancelled, if any. */
    Optional<RegistrationRecord> liveRegistration(long chatId) {
        return tx.selectFrom(REGISTRATION)
                .where(REGISTRATION.CHAT_ID.eq(chatId), REGISTRATION.STATUS.ne("cancelled"))
                .orderBy(REGISTRATION.ID.desc())
                .limit(1)
                .fetchOptional();
    }

    /** A live registration holding this document, other than {@code except}. */
    Optional<RegistrationRecord> byDocument(String type, String number, Long except) {
        return tx.select(REGISTRATION.fields()).from(REGISTRATION).join(TRAVELLER).on(TRAVELLER.REGISTRATION_ID.eq(REGISTRATION.ID))
                .where(TRAVELLER.DOCUMENT_TYPE.eq(type), TRAVELLER.DOCUMENT_NUMBER.eq(number), TRAVELLER.ACTIVE.isTrue(),
                        REGISTRATION.STATUS.ne("cancelled"), except == null ? DSL.trueCondition() : REGISTRATION.ID.ne(except))
                .limit(1)
                .fetchOptionalInto(REGISTRATION);
    }

    /** A live registration with this phone, other than {@code except}. */
    Optional<RegistrationRecord> byPhone(String phone, Long except) {
        return tx.selectFrom(REGISTRATION)
                .where(REGISTRATION.PHONE.eq(phone), REGISTRATION.STATUS.ne("cancelled"),
                        except == null ? DSL.trueCondition() : REGISTRATION.ID.ne(except))
                .limit(1)
                .fetchOptional();
    }

    /** Saves the draft as a confirmed registration, or over the one it edits; returns its id. */
    long saveRegistration(long chatId, Draft d, String code, Instant now) {
        RegistrationRecord r;
        if (d.registrationId != null) {
            r = tx.selectFrom(REGISTRATION).where(REGISTRATION.ID.eq(d.registrationId)).fetchSingle();
            tx.deleteFrom(TRAVELLER).where(TRAVELLER.REGISTRATION_ID.eq(r.getId())).execute();
        } else {
            r = tx.newRecord(REGISTRATION).setChatId(chatId).setCode(code).setStatus("confirmed")
                    .setCreatedAt(now).setConfirmedAt(now);
        }
        r.setPhone(d.phone)
                .setLocationId(d.locationId)
                .setLocationOther(d.locationOther)
                .setDestinationId(d.destinationId)
                .setDestinationDistrict(d.district)
                .setNeeds(d.needs.toArray(String[]::new))
                .setUpdatedAt(now);
        r.store();
        List<Draft.Person> people = new ArrayList<>();
        people.add(d.applicant);
        people.addAll(d.family);
        for (int i = 0; i < people.size(); i++) {
            Draft.Person p = people.get(i);
            tx.newRecord(TRAVELLER)
                    .setRegistrationId(r.getId())
                    .setPosition(i)
                    .setRelation(i == 0 ? "self" : p.relation)
                    .setFullName(p.fullName)
                    .setBirthDate(p.birthDate == null ? null : LocalDate.parse(p.birthDate))
                    .setSex(p.sex)
                    .setCitizenship(p.citizenship)
                    .setDocumentType(p.documentType)
                    .setDocumentNumber(p.documentNumber)
                    .setCreatedAt(now)
                    .setUpdatedAt(now)
                    .store();
        }
        return r.getId();
    }

    /** A stored registration as a draft, to be corrected from the summary. */
    Draft toDraft(RegistrationRecord r) {
        Draft d = new Draft();
        d.registrationId = r.getId();
        d.phone = r.getPhone();
        d.locationId = r.getLocationId();
        d.locationOther = r.getLocationOther();
        d.destinationId = r.getDestinationId();
        d.district = r.getDestinationDistrict();
        d.needs = new LinkedHashSet<>(List.of(r.getNeeds()));
        for (TravellerRecord t : travellers(r.getId())) {
            Draft.Person p = new Draft.Person();
            p.fullName = t.getFullName();
            p.birthDate = t.getBirthDate() == null ? null : t.getBirthDate().toString();
            p.sex = t.getSex();
            p.citizenship = t.getCitizenship();
            p.relation = t.getRelation();
            p.documentType = t.getDocumentType();
            p.documentNumber = t.getDocumentNumber();
            if (t.getPosition() == 0) {
                d.applicant = p;
            } else {
                d.family.add(p);
            }
        }
        return d;
    }

    List<TravellerRecord> travellers(long registrationId) {
        return tx.selectFrom(TRAVELLER).where(TRAVELLER.REGISTRATION_ID.eq(registrationId)).orderBy(TRAVELLER.POSITION).fetch();
    }

    void cancel(long registrationId, Instant now) {
        tx.update(REGISTRATION).set(REGISTRATION.STATUS, "cancelled").set(REGISTRATION.UPDATED_AT, now)
                .where(REGISTRATION.ID.eq(registrationId)).execute();
        // V4's trigger marks the travellers inactive, freeing their documents for a later registration.
        tx.deleteFrom(DEPARTURE_ASSIGNMENT).where(DEPARTURE_ASSIGNMENT.REGISTRATION_ID.eq(registrationId)).execute();
    }

    /**
     * Erases everything stored about the person: the user row cascades to their conversation, registrations,
     * travellers, assignments and answers. Only an anonymous count per day remains.
     */
    void deleteEverything(long chatId, LocalDate today) {
        tx.deleteFrom(TELEGRAM_USER).where(TELEGRAM_USER.CHAT_ID.eq(chatId)).execute();
        // The transport's inbox keeps update ids to drop Telegram's redeliveries; unlink them from the person and
        // erase what a handled or failed update still holds. The update being handled now is erased when done.
        tx.update(INBOX).set(INBOX.CHAT_ID, (Long) null).set(INBOX.PAYLOAD, (JSONB) null)
                .where(INBOX.CHAT_ID.eq(chatId)).and(INBOX.STATUS.ne("pending")).execute();
        tx.update(INBOX).set(INBOX.CHAT_ID, (Long) null).where(INBOX.CHAT_ID.eq(chatId)).execute();
        tx.insertInto(DELETION_STATS).set(DELETION_STATS.DAY, today).set(DELETION_STATS.COUNT, 1)
                .onConflict(DELETION_STATS.DAY).doUpdate().set(DELETION_STATS.COUNT, DELETION_STATS.COUNT.plus(1))
                .execute();
    }

    // --- requirements ---------------------------------------------------------------------------------------

    /** Active requirements for a route; with an unknown place or destination, those of every route. */
    List<RequirementRecord> requirements(Integer locationId, Integer destinationId) {
        Condition route = DSL.trueCondition();
        if (locationId != null) {
            LocationRecord l = location(locationId).orElseThrow();
            route = route.and(REQUIREMENT.LOCATION_ID.isNull().or(REQUIREMENT.LOCATION_ID.eq(locationId)))
                    .and(REQUIREMENT.LOCATION_COUNTRY.isNull().or(REQUIREMENT.LOCATION_COUNTRY.eq(l.getCountry())));
        }
        if (destinationId != null) {
            DestinationRecord dest = destination(destinationId).orElseThrow();
            route = route.and(REQUIREMENT.DESTINATION_ID.isNull().or(REQUIREMENT.DESTINATION_ID.eq(destinationId)))
                    .and(REQUIREMENT.DESTINATION_COUNTRY.isNull().or(REQUIREMENT.DESTINATION_COUNTRY.eq(dest.getCountry())));
        }
        return tx.selectFrom(REQUIREMENT).where(REQUIREMENT.ACTIVE.isTrue(), route)
                .orderBy(REQUIREMENT.SORT_ORDER, REQUIREMENT.ID).fetch();
    }

    Optional<RequirementRecord> requirement(int id) {
        return tx.selectFrom(REQUIREMENT).where(REQUIREMENT.ID.eq(id)).fetchOptional();
    }

    Map<Integer, Boolean> answers(long registrationId) {
        return tx.select(REQUIREMENT_ANSWER.REQUIREMENT_ID, REQUIREMENT_ANSWER.ANSWER).from(REQUIREMENT_ANSWER)
                .where(REQUIREMENT_ANSWER.REGISTRATION_ID.eq(registrationId))
                .fetch().stream().collect(Collectors.toMap(r -> r.value1(), r -> r.value2()));
    }

    void answer(long registrationId, int requirementId, boolean yes, Instant now) {
        tx.insertInto(REQUIREMENT_ANSWER)
                .set(REQUIREMENT_ANSWER.REGISTRATION_ID, registrationId)
                .set(REQUIREMENT_ANSWER.REQUIREMENT_ID, requirementId)
                .set(REQUIREMENT_ANSWER.ANSWER, yes)
                .set(REQUIREMENT_ANSWER.ANSWERED_AT, now)
                .onConflict(REQUIREMENT_ANSWER.REGISTRATION_ID, REQUIREMENT_ANSWER.REQUIREMENT_ID)
                .doUpdate()
                .set(REQUIREMENT_ANSWER.ANSWER, yes)
                .set(REQUIREMENT_ANSWER.ANSWERED_AT, now)
                .execute();
    }

    // --- departures -----------------------------------------------------------------------------------------

    record Assigned(DepartureAssignmentRecord assignment, DepartureRecord departure) {}

    Optional<Assigned> assignment(long registrationId) {
        var a = tx.selectFrom(DEPARTURE_ASSIGNMENT).where(DEPARTURE_ASSIGNMENT.REGISTRATION_ID.eq(registrationId)).fetchOne();
        if (a == null) {
            return Optional.empty();
        }
        return Optional.of(new Assigned(a, tx.selectFrom(DEPARTURE).where(DEPARTURE.ID.eq(a.getDepartureId())).fetchSingle()));
    }

    void answerAssignment(long registrationId, String answer, Instant now) {
        tx.update(DEPARTURE_ASSIGNMENT)
                .set(DEPARTURE_ASSIGNMENT.ANSWER, answer)
                .set(DEPARTURE_ASSIGNMENT.ANSWERED_AT, now)
                .where(DEPARTURE_ASSIGNMENT.REGISTRATION_ID.eq(registrationId))
                .execute();
    }

    /** The next planned departures from a place, toward a destination when known (or toward anywhere). */
    List<DepartureRecord> nextDepartures(Integer locationId, Integer destinationId, Instant now, int limit) {
        Condition toward = destinationId == null ? DSL.trueCondition()
                : DSL.exists(DSL.selectOne().from(DEPARTURE_DESTINATION)
                        .where(DEPARTURE_DESTINATION.DEPARTURE_ID.eq(DEPARTURE.ID), DEPARTURE_DESTINATION.DESTINATION_ID.eq(destinationId)))
                        .or(DSL.notExists(DSL.selectOne().from(DEPARTURE_DESTINATION)
                                .where(DEPARTURE_DESTINATION.DEPARTURE_ID.eq(DEPARTURE.ID))));
        return tx.selectFrom(DEPARTURE)
                .where(locationId == null ? DSL.trueCondition() : DEPARTURE.LOCATION_ID.eq(locationId), DEPARTURE.STATUS.eq("planned"), DEPARTURE.DEPARTS_AT.gt(now), toward)
                .orderBy(DEPARTURE.DEPARTS_AT)
                .limit(limit)
                .fetch();
    }

    List<DestinationRecord> destinationsOf(long departureId) {
        return tx.select(DESTINATION.fields()).from(DESTINATION).join(DEPARTURE_DESTINATION)
                .on(DEPARTURE_DESTINATION.DESTINATION_ID.eq(DESTINATION.ID))
                .where(DEPARTURE_DESTINATION.DEPARTURE_ID.eq(departureId))
                .orderBy(DESTINATION.SORT_ORDER)
                .fetchInto(DESTINATION);
    }
}
