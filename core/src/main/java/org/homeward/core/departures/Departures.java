package org.homeward.core.departures;

import static org.homeward.db.jooq.Tables.DEPARTURE;
import static org.homeward.db.jooq.Tables.DEPARTURE_ASSIGNMENT;
import static org.homeward.db.jooq.Tables.DEPARTURE_DESTINATION;
import static org.homeward.db.jooq.Tables.DESTINATION;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.homeward.db.enums.DepartureAnswer;
import org.homeward.db.enums.DepartureStatus;
import org.homeward.db.jooq.tables.records.DepartureAssignmentRecord;
import org.homeward.db.jooq.tables.records.DepartureRecord;
import org.homeward.db.jooq.tables.records.DestinationRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Buses leaving a place toward destinations, who is assigned to them, and their answers. Works on the caller's transaction. */
public final class Departures {
    private final DSLContext tx;

    /** Departures read and written in {@code tx}. */
    public Departures(DSLContext tx) {
        this.tx = tx;
    }

    /** A registration's assignment and the departure it is on. */
    public record Assigned(DepartureAssignmentRecord assignment, DepartureRecord departure) {}

    /** True while a departure still takes passengers and answers: planned or boarding, not gone or cancelled. */
    public static boolean open(DepartureRecord d) {
        return d.getStatus() == DepartureStatus.PLANNED || d.getStatus() == DepartureStatus.BOARDING;
    }

    /** The departure a registration is assigned to, if any. */
    public Optional<Assigned> assignment(long registrationId) {
        var a = tx.selectFrom(DEPARTURE_ASSIGNMENT).where(DEPARTURE_ASSIGNMENT.REGISTRATION_ID.eq(registrationId)).fetchOne();
        if (a == null) {
            return Optional.empty();
        }
        return Optional.of(new Assigned(a, tx.selectFrom(DEPARTURE).where(DEPARTURE.ID.eq(a.getDepartureId())).fetchSingle()));
    }

    /**
     * The person's answer to their assignment: coming or cannot come. A bus already gone (or cancelled) keeps the
     * answers it left with: a press on an old notice changes nothing.
     */
    public void answer(long registrationId, boolean coming, Instant now) {
        tx.update(DEPARTURE_ASSIGNMENT)
                .set(DEPARTURE_ASSIGNMENT.ANSWER, coming ? DepartureAnswer.CONFIRMED : DepartureAnswer.CANNOT_COME)
                .set(DEPARTURE_ASSIGNMENT.ANSWERED_AT, now)
                .where(DEPARTURE_ASSIGNMENT.REGISTRATION_ID.eq(registrationId))
                .and(DEPARTURE_ASSIGNMENT.DEPARTURE_ID.in(DSL.select(DEPARTURE.ID).from(DEPARTURE)
                        .where(DEPARTURE.STATUS.in(DepartureStatus.PLANNED, DepartureStatus.BOARDING))))
                .execute();
    }

    /** Takes a registration off its departure (it was cancelled). */
    public void unassign(long registrationId) {
        tx.deleteFrom(DEPARTURE_ASSIGNMENT).where(DEPARTURE_ASSIGNMENT.REGISTRATION_ID.eq(registrationId)).execute();
    }

    /** The next planned departures from a place (any, when null), toward a destination when known (or anywhere). */
    public List<DepartureRecord> next(Integer locationId, Integer destinationId, Instant now, int limit) {
        Condition toward = destinationId == null ? DSL.trueCondition()
                : DSL.exists(DSL.selectOne().from(DEPARTURE_DESTINATION)
                        .where(DEPARTURE_DESTINATION.DEPARTURE_ID.eq(DEPARTURE.ID), DEPARTURE_DESTINATION.DESTINATION_ID.eq(destinationId)))
                        .or(DSL.notExists(DSL.selectOne().from(DEPARTURE_DESTINATION)
                                .where(DEPARTURE_DESTINATION.DEPARTURE_ID.eq(DEPARTURE.ID))));
        return tx.selectFrom(DEPARTURE)
                .where(locationId == null ? DSL.trueCondition() : DEPARTURE.LOCATION_ID.eq(locationId),
                        DEPARTURE.STATUS.eq(DepartureStatus.PLANNED), DEPARTURE.DEPARTS_AT.gt(now), toward)
                .orderBy(DEPARTURE.DEPARTS_AT)
                .limit(limit)
                .fetch();
    }

    /** The latest departures (by time, any status), at most {@code limit}: for choosing one in a filter. */
    public List<DepartureRecord> latest(int limit) {
        return tx.selectFrom(DEPARTURE).orderBy(DEPARTURE.DEPARTS_AT.desc(), DEPARTURE.ID.desc()).limit(limit).fetch();
    }

    /** Where a departure goes, in display order. */
    public List<DestinationRecord> destinationsOf(long departureId) {
        return tx.select(DESTINATION.fields()).from(DESTINATION).join(DEPARTURE_DESTINATION)
                .on(DEPARTURE_DESTINATION.DESTINATION_ID.eq(DESTINATION.ID))
                .where(DEPARTURE_DESTINATION.DEPARTURE_ID.eq(departureId))
                .orderBy(DESTINATION.SORT_ORDER)
                .fetchInto(DESTINATION);
    }
}
