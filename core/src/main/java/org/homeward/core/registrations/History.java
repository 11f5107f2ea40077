package org.homeward.core.registrations;

import static org.homeward.db.jooq.Tables.REGISTRATION_EVENT;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * A registration's history: what the person did in the bot and what staff did, with staff's internal notes.
 * Goes with the registration when the person's data is deleted.
 */
public final class History {
    /** The longest internal note. */
    public static final int MAX_NOTE = 2000;

    /**
     * One event.
     *
     * @param staffEmail who, or null for the person in the bot
     * @param kind registered, corrected, status, note, merged or different
     * @param detail the new status (and reason), the fields corrected, the note's text, the other registration
     */
    public record Event(long id, Instant at, String staffEmail, String kind, String detail) {}

    private History() {}

    static void record(DSLContext tx, long registrationId, Instant now, Staff staff, String kind, String detail) {
        tx.insertInto(REGISTRATION_EVENT)
                .set(REGISTRATION_EVENT.REGISTRATION_ID, registrationId)
                .set(REGISTRATION_EVENT.AT, now)
                .set(REGISTRATION_EVENT.STAFF_ID, staff == null ? null : staff.accountId())
                .set(REGISTRATION_EVENT.STAFF_EMAIL, staff == null ? null : staff.email())
                .set(REGISTRATION_EVENT.KIND, kind)
                .set(REGISTRATION_EVENT.DETAIL, detail)
                .execute();
    }

    /** Every event of a registration, newest first. */
    public static List<Event> of(DSLContext tx, long registrationId) {
        return tx.selectFrom(REGISTRATION_EVENT).where(REGISTRATION_EVENT.REGISTRATION_ID.eq(registrationId))
                .orderBy(REGISTRATION_EVENT.ID.desc())
                .fetch(r -> new Event(r.getId(), r.getAt(), r.getStaffEmail(), r.getKind(), r.getDetail()));
    }

    /** The newest change to the registration itself (not a note), if its history has one. */
    static Optional<Event> lastChange(DSLContext tx, long registrationId) {
        return tx.selectFrom(REGISTRATION_EVENT)
                .where(REGISTRATION_EVENT.REGISTRATION_ID.eq(registrationId), REGISTRATION_EVENT.KIND.ne("note"))
                .orderBy(REGISTRATION_EVENT.ID.desc()).limit(1)
                .fetchOptional(r -> new Event(r.getId(), r.getAt(), r.getStaffEmail(), r.getKind(), r.getDetail()));
    }
}
