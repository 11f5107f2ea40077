package org.homeward.core.registrations;

import static org.homeward.db.jooq.Tables.DEPARTURE;
import static org.homeward.db.jooq.Tables.DEPARTURE_ASSIGNMENT;
import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.REQUIREMENT;
import static org.homeward.db.jooq.Tables.REQUIREMENT_ANSWER;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;
import static org.homeward.db.jooq.Tables.TRAVELLER;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.homeward.core.registrations.RegistrationSearch.Filter;
import org.homeward.db.enums.DepartureAnswer;
import org.homeward.db.enums.StaffStatus;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Registrations for export: one row per travelling person (the applicant and each family member), with exactly the
 * registrations list's filters, read through a server-side cursor so an export of any size never sits in memory.
 * Works on the caller's transaction (PostgreSQL streams a cursor only inside one).
 */
public final class RegistrationExport {
    /** Rows fetched from PostgreSQL at a time. */
    static final int FETCH_SIZE = 1000;

    /**
     * One travelling person, with the registration's details repeated on each of its rows.
     *
     * @param requirementAnswers the route's yes/no questions answered, as "code=yes" or "code=no" in the requirements' order
     * @param departsAt the departure assigned, or null
     * @param departureAnswer the person's answer to it, or null
     */
    public record Row(long registrationId, String code, StaffStatus status, int position, String relation,
                      String fullName, LocalDate birthDate, String sex, String citizenship, String documentType,
                      String documentNumber, String phone, Integer locationId, String locationOther,
                      Integer destinationId, String destinationDistrict, List<String> needs, String language,
                      List<String> requirementAnswers, Instant registeredAt, Instant departsAt,
                      DepartureAnswer departureAnswer) {}

    /** Receives rows one by one; may throw (the response's stream does, when the browser goes away). */
    @FunctionalInterface
    public interface RowSink {
        /** Takes one row. */
        void accept(Row row) throws Exception;
    }

    private final DSLContext tx;

    /** Reads in {@code tx}. */
    public RegistrationExport(DSLContext tx) {
        this.tx = tx;
    }

    /** How many rows (travelling people) an export with {@code filter} has. */
    public int count(Filter filter) {
        return tx.selectCount().from(TRAVELLER).join(REGISTRATION).on(REGISTRATION.ID.eq(TRAVELLER.REGISTRATION_ID))
                .where(RegistrationSearch.conditions(filter)).fetchSingle().value1();
    }

    /**
     * Every row matching {@code filter}, newest registration first, the applicant before the family, given to
     * {@code sink} as they come from the cursor; the number of rows given.
     */
    public long forEach(Filter filter, RowSink sink) throws Exception {
        Field<String[]> answers = DSL.field(DSL.select(DSL.arrayAgg(REQUIREMENT.CODE.concat(
                                DSL.when(REQUIREMENT_ANSWER.ANSWER, DSL.inline("=yes")).otherwise(DSL.inline("=no"))))
                        .orderBy(REQUIREMENT.SORT_ORDER, REQUIREMENT.ID))
                .from(REQUIREMENT_ANSWER).join(REQUIREMENT).on(REQUIREMENT.ID.eq(REQUIREMENT_ANSWER.REQUIREMENT_ID))
                .where(REQUIREMENT_ANSWER.REGISTRATION_ID.eq(REGISTRATION.ID))
                // An answer from before its question was asked again is history, not the current answer.
                .and(REQUIREMENT_ANSWER.VERSION.ge(REQUIREMENT.ASKED_VERSION))).as("answers");
        long n = 0;
        try (Cursor<? extends Record> rows = tx.select(REGISTRATION.ID, REGISTRATION.CODE, REGISTRATION.STAFF_STATUS,
                        TRAVELLER.POSITION, TRAVELLER.RELATION, TRAVELLER.FULL_NAME, TRAVELLER.BIRTH_DATE,
                        TRAVELLER.SEX, TRAVELLER.CITIZENSHIP, TRAVELLER.DOCUMENT_TYPE, TRAVELLER.DOCUMENT_NUMBER,
                        REGISTRATION.PHONE, REGISTRATION.LOCATION_ID, REGISTRATION.LOCATION_OTHER,
                        REGISTRATION.DESTINATION_ID, REGISTRATION.DESTINATION_DISTRICT, REGISTRATION.NEEDS,
                        TELEGRAM_USER.LANGUAGE, answers, REGISTRATION.CREATED_AT, DEPARTURE.DEPARTS_AT,
                        DEPARTURE_ASSIGNMENT.ANSWER)
                .from(TRAVELLER)
                .join(REGISTRATION).on(REGISTRATION.ID.eq(TRAVELLER.REGISTRATION_ID))
                .join(TELEGRAM_USER).on(TELEGRAM_USER.CHAT_ID.eq(REGISTRATION.CHAT_ID))
                .leftJoin(DEPARTURE_ASSIGNMENT).on(DEPARTURE_ASSIGNMENT.REGISTRATION_ID.eq(REGISTRATION.ID))
                .leftJoin(DEPARTURE).on(DEPARTURE.ID.eq(DEPARTURE_ASSIGNMENT.DEPARTURE_ID))
                .where(RegistrationSearch.conditions(filter))
                .orderBy(REGISTRATION.ID.desc(), TRAVELLER.POSITION)
                .fetchSize(FETCH_SIZE)
                .fetchLazy()) {
            for (Record r : rows) {
                String[] needs = r.get(REGISTRATION.NEEDS);
                String[] given = r.get(answers);
                sink.accept(new Row(r.get(REGISTRATION.ID), r.get(REGISTRATION.CODE), r.get(REGISTRATION.STAFF_STATUS),
                        r.get(TRAVELLER.POSITION), r.get(TRAVELLER.RELATION), r.get(TRAVELLER.FULL_NAME),
                        r.get(TRAVELLER.BIRTH_DATE), r.get(TRAVELLER.SEX), r.get(TRAVELLER.CITIZENSHIP),
                        r.get(TRAVELLER.DOCUMENT_TYPE), r.get(TRAVELLER.DOCUMENT_NUMBER), r.get(REGISTRATION.PHONE),
                        r.get(REGISTRATION.LOCATION_ID), r.get(REGISTRATION.LOCATION_OTHER),
                        r.get(REGISTRATION.DESTINATION_ID), r.get(REGISTRATION.DESTINATION_DISTRICT),
                        needs == null ? List.of() : List.of(needs), r.get(TELEGRAM_USER.LANGUAGE),
                        given == null ? List.of() : List.of(given), r.get(REGISTRATION.CREATED_AT),
                        r.get(DEPARTURE.DEPARTS_AT), r.get(DEPARTURE_ASSIGNMENT.ANSWER)));
                n++;
            }
        }
        return n;
    }
}
