package org.homeward.core.departures;

import static org.homeward.db.jooq.Tables.DEPARTURE_ASSIGNMENT;
import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.TRAVELLER;

import java.time.LocalDate;
import java.util.List;
import org.homeward.db.enums.DepartureAnswer;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A departure's passenger manifest for a border crossing: every traveller of the registrations whose people
 * confirmed they are coming, by registration code and then position (the applicant first). A bus has at most
 * 1000 seats (the departure's check), so the manifest is read as a list. Works on the caller's transaction.
 */
public final class Manifest {
    /** One traveller as the border needs them; {@code number} counts from 1 over the whole manifest. */
    public record Row(int number, String code, int position, String fullName, LocalDate birthDate, String sex,
                      String citizenship, String documentType, String documentNumber, String phone,
                      Integer destinationId, String destinationDistrict) {}

    /** Registrations assigned whose people have not confirmed (no answer yet, or cannot come), and their travellers. */
    public record Unconfirmed(int registrations, int travellers) {}

    private final DSLContext tx;

    /** Reads in {@code tx}. */
    public Manifest(DSLContext tx) {
        this.tx = tx;
    }

    /** The confirmed travellers of a departure, in manifest order. */
    public List<Row> rows(long departureId) {
        int[] n = {0};
        return tx.select(REGISTRATION.CODE, TRAVELLER.POSITION, TRAVELLER.FULL_NAME, TRAVELLER.BIRTH_DATE,
                        TRAVELLER.SEX, TRAVELLER.CITIZENSHIP, TRAVELLER.DOCUMENT_TYPE, TRAVELLER.DOCUMENT_NUMBER,
                        REGISTRATION.PHONE, REGISTRATION.DESTINATION_ID, REGISTRATION.DESTINATION_DISTRICT)
                .from(DEPARTURE_ASSIGNMENT)
                .join(REGISTRATION).on(REGISTRATION.ID.eq(DEPARTURE_ASSIGNMENT.REGISTRATION_ID))
                .join(TRAVELLER).on(TRAVELLER.REGISTRATION_ID.eq(REGISTRATION.ID))
                .where(DEPARTURE_ASSIGNMENT.DEPARTURE_ID.eq(departureId),
                        DEPARTURE_ASSIGNMENT.ANSWER.eq(DepartureAnswer.CONFIRMED))
                .orderBy(REGISTRATION.CODE, REGISTRATION.ID, TRAVELLER.POSITION)
                .fetch(r -> new Row(++n[0], r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), r.value9(), r.value10(), r.value11()));
    }

    /** Who is assigned to a departure but not (or no longer) confirmed: left out of the manifest. */
    public Unconfirmed unconfirmed(long departureId) {
        var r = tx.select(DSL.countDistinct(REGISTRATION.ID), DSL.count(TRAVELLER.ID))
                .from(DEPARTURE_ASSIGNMENT)
                .join(REGISTRATION).on(REGISTRATION.ID.eq(DEPARTURE_ASSIGNMENT.REGISTRATION_ID))
                .join(TRAVELLER).on(TRAVELLER.REGISTRATION_ID.eq(REGISTRATION.ID))
                .where(DEPARTURE_ASSIGNMENT.DEPARTURE_ID.eq(departureId),
                        DEPARTURE_ASSIGNMENT.ANSWER.isNull().or(DEPARTURE_ASSIGNMENT.ANSWER.ne(DepartureAnswer.CONFIRMED)))
                .fetchSingle();
        return new Unconfirmed(r.value1(), r.value2());
    }
}
