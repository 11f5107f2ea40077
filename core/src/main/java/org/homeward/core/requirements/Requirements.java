package org.homeward.core.requirements;

import static org.homeward.db.jooq.Tables.REQUIREMENT;
import static org.homeward.db.jooq.Tables.REQUIREMENT_ANSWER;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.homeward.core.places.Places;
import org.homeward.db.jooq.tables.records.DestinationRecord;
import org.homeward.db.jooq.tables.records.LocationRecord;
import org.homeward.db.jooq.tables.records.RequirementRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** What each route demands of travellers, and the answers to the yes/no questions. Works on the caller's transaction. */
public final class Requirements {
    private final DSLContext tx;
    private final Places places;

    /** Requirements read and written in {@code tx}. */
    public Requirements(DSLContext tx) {
        this.tx = tx;
        this.places = new Places(tx);
    }

    /** Active requirements for a route; with an unknown place or destination, those of every route. */
    public List<RequirementRecord> forRoute(Integer locationId, Integer destinationId) {
        Condition route = DSL.trueCondition();
        if (locationId != null) {
            LocationRecord l = places.location(locationId).orElseThrow();
            route = route.and(REQUIREMENT.LOCATION_ID.isNull().or(REQUIREMENT.LOCATION_ID.eq(locationId)))
                    .and(REQUIREMENT.LOCATION_COUNTRY.isNull().or(REQUIREMENT.LOCATION_COUNTRY.eq(l.getCountry())));
        }
        if (destinationId != null) {
            DestinationRecord dest = places.destination(destinationId).orElseThrow();
            route = route.and(REQUIREMENT.DESTINATION_ID.isNull().or(REQUIREMENT.DESTINATION_ID.eq(destinationId)))
                    .and(REQUIREMENT.DESTINATION_COUNTRY.isNull().or(REQUIREMENT.DESTINATION_COUNTRY.eq(dest.getCountry())));
        }
        return tx.selectFrom(REQUIREMENT).where(REQUIREMENT.ACTIVE.isTrue(), route)
                .orderBy(REQUIREMENT.SORT_ORDER, REQUIREMENT.ID).fetch();
    }

    /** A requirement by id. */
    public Optional<RequirementRecord> byId(int id) {
        return tx.selectFrom(REQUIREMENT).where(REQUIREMENT.ID.eq(id)).fetchOptional();
    }

    /** A registration's answers, by requirement id. */
    public Map<Integer, Boolean> answers(long registrationId) {
        return tx.select(REQUIREMENT_ANSWER.REQUIREMENT_ID, REQUIREMENT_ANSWER.ANSWER).from(REQUIREMENT_ANSWER)
                .where(REQUIREMENT_ANSWER.REGISTRATION_ID.eq(registrationId))
                .fetch().stream().collect(Collectors.toMap(r -> r.value1(), r -> r.value2()));
    }

    /** Records (or changes) a registration's answer to a requirement's question. */
    public void answer(long registrationId, int requirementId, boolean yes, Instant now) {
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
}
