package org.homeward.core.departures;

import static org.homeward.db.jooq.Tables.DEPARTURE;
import static org.homeward.db.jooq.Tables.DEPARTURE_ASSIGNMENT;
import static org.homeward.db.jooq.Tables.REGISTRATION;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.homeward.core.outbox.Outbox;
import org.homeward.db.enums.DepartureAnswer;
import org.homeward.db.enums.DepartureStatus;
import org.homeward.db.enums.RegistrationStatus;
import org.homeward.db.enums.StaffStatus;
import org.homeward.db.jooq.tables.records.DepartureRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * The departure reminders (issue 13): 24 hours and 2 hours before a bus leaves, everyone on it who has not said they
 * cannot come is reminded in their language, with the local time and the meeting point; those who have not answered
 * yet get the two answer buttons again. The body of the {@value #JOB} job: safe to run again and on several
 * instances at once, since each reminder is claimed on the departure row in the transaction that enqueues it.
 */
public final class Reminders {
    /** The persistent job's name (its key in {@code scheduled_tasks}). */
    public static final String JOB = "departure-reminders";
    /** How often the job looks for reminders due. */
    public static final Duration EVERY = Duration.ofMinutes(1);

    static final Duration DAY_BEFORE = Duration.ofHours(24);
    static final Duration HOURS_BEFORE = Duration.ofHours(2);

    private final DSLContext dsl;
    private final Outbox outbox;
    private final Clock clock;

    /** Reminders read from and enqueued on {@code dsl}, at the time of {@code clock}. */
    public Reminders(DSLContext dsl, Outbox outbox, Clock clock) {
        this.dsl = dsl;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Enqueues every reminder due now, one transaction per departure and reminder.
     *
     * @return how many reminders were claimed (one per departure and moment, however many passengers)
     */
    public int run() {
        Instant now = clock.instant();
        int claimed = 0;
        // The 2 h one first: a departure found with both due (the instances were all down at its 24 h moment)
        // gets only the nearer one, and the 24 h one is marked done with it.
        for (long id : due(DEPARTURE.REMINDED_2H_AT, HOURS_BEFORE, Duration.ZERO, now)) {
            if (remind(id, DEPARTURE.REMINDED_2H_AT, HOURS_BEFORE, Duration.ZERO, "dep.reminder.2h", now)) {
                claimed++;
            }
        }
        for (long id : due(DEPARTURE.REMINDED_24H_AT, DAY_BEFORE, HOURS_BEFORE, now)) {
            if (remind(id, DEPARTURE.REMINDED_24H_AT, DAY_BEFORE, HOURS_BEFORE, "dep.reminder.24h", now)) {
                claimed++;
            }
        }
        return claimed;
    }

    /**
     * Sets the reminders of a departure at a new time (created, or its time changed): a reminder whose moment is
     * already past is marked done now, so it is never sent late; the others are armed.
     */
    static void arm(DepartureRecord d, Instant now) {
        Instant at = d.getDepartsAt();
        d.setReminded_24hAt(at.minus(DAY_BEFORE).isAfter(now) ? null : now);
        d.setReminded_2hAt(at.minus(HOURS_BEFORE).isAfter(now) ? null : now);
    }

    /** Open departures whose reminder {@code field} is not claimed and whose window [at - from, at - until) holds now. */
    private Condition window(TableField<?, Instant> field, Duration from, Duration until, Instant now) {
        return DEPARTURE.STATUS.in(DepartureStatus.PLANNED, DepartureStatus.BOARDING)
                .and(field.isNull())
                .and(DEPARTURE.DEPARTS_AT.le(now.plus(from)))
                .and(DEPARTURE.DEPARTS_AT.gt(now.plus(until)));
    }

    private List<Long> due(TableField<?, Instant> field, Duration from, Duration until, Instant now) {
        return dsl.select(DEPARTURE.ID).from(DEPARTURE).where(window(field, from, until, now))
                .orderBy(DEPARTURE.DEPARTS_AT).fetch(DEPARTURE.ID);
    }

    /** Claims one reminder and enqueues it in the same transaction; false when another run claimed it first. */
    private boolean remind(long departureId, TableField<DepartureRecord, Instant> field, Duration from,
            Duration until, String key, Instant now) {
        return dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            var update = tx.update(DEPARTURE).set(field, now);
            if (field == DEPARTURE.REMINDED_2H_AT) {
                // The day-before reminder is pointless now that the nearer one goes.
                update = update.set(DEPARTURE.REMINDED_24H_AT, DSL.coalesce(DEPARTURE.REMINDED_24H_AT, DSL.val(now)));
            }
            // A concurrent run waits on the row lock here, then finds the field set and claims nothing.
            DepartureRecord d = update.where(DEPARTURE.ID.eq(departureId)).and(window(field, from, until, now))
                    .returning().fetchOne();
            if (d == null) {
                return false;
            }
            StaffDepartures staff = new StaffDepartures(tx, outbox);
            var place = staff.place(d.getLocationId());
            // The nearer reminder brings the pin again: it is the one read on the way to the meeting point.
            boolean pin = field == DEPARTURE.REMINDED_2H_AT;
            staff.notice(d, place, passengers(tx, departureId, true), key, "departure_reminder", true, pin);
            staff.notice(d, place, passengers(tx, departureId, false), key, "departure_reminder", false, pin);
            return true;
        });
    }

    /** Live registrations on the departure that have not answered ({@code unanswered}), or that confirmed. */
    private static List<Long> passengers(DSLContext tx, long departureId, boolean unanswered) {
        return tx.select(DEPARTURE_ASSIGNMENT.REGISTRATION_ID).from(DEPARTURE_ASSIGNMENT)
                .join(REGISTRATION).on(REGISTRATION.ID.eq(DEPARTURE_ASSIGNMENT.REGISTRATION_ID))
                .where(DEPARTURE_ASSIGNMENT.DEPARTURE_ID.eq(departureId))
                .and(unanswered ? DEPARTURE_ASSIGNMENT.ANSWER.isNull()
                        : DEPARTURE_ASSIGNMENT.ANSWER.eq(DepartureAnswer.CONFIRMED))
                .and(REGISTRATION.STATUS.eq(RegistrationStatus.CONFIRMED))
                .and(REGISTRATION.STAFF_STATUS.eq(StaffStatus.ASSIGNED))
                .fetch(DEPARTURE_ASSIGNMENT.REGISTRATION_ID);
    }
}
