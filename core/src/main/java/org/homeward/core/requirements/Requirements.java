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
import org.jooq.Field;
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

    /**
     * A registration's current answers, by requirement id: an answer given before the question was last asked
     * again (a changed question, or staff asking again) no longer counts.
     */
    public Map<Integer, Boolean> answers(long registrationId) {
        return tx.select(REQUIREMENT_ANSWER.REQUIREMENT_ID, REQUIREMENT_ANSWER.ANSWER).from(REQUIREMENT_ANSWER)
                .join(REQUIREMENT).on(REQUIREMENT.ID.eq(REQUIREMENT_ANSWER.REQUIREMENT_ID))
                .where(REQUIREMENT_ANSWER.REGISTRATION_ID.eq(registrationId))
                .and(REQUIREMENT_ANSWER.VERSION.ge(REQUIREMENT.ASKED_VERSION))
                .fetch().stream().collect(Collectors.toMap(r -> r.value1(), r -> r.value2()));
    }

    /** Every answer a registration has, current or from before a question was asked again, with its requirement. */
    public List<org.jooq.Record2<org.homeward.db.jooq.tables.records.RequirementAnswerRecord, RequirementRecord>> answerHistory(long registrationId) {
        return tx.select(REQUIREMENT_ANSWER, REQUIREMENT).from(REQUIREMENT_ANSWER)
                .join(REQUIREMENT).on(REQUIREMENT.ID.eq(REQUIREMENT_ANSWER.REQUIREMENT_ID))
                .where(REQUIREMENT_ANSWER.REGISTRATION_ID.eq(registrationId))
                .orderBy(REQUIREMENT.SORT_ORDER, REQUIREMENT.ID).fetch();
    }

    /** Records (or changes) a registration's answer to a requirement's question, as an answer to its current version. */
    public void answer(long registrationId, int requirementId, boolean yes, Instant now) {
        Field<Integer> version = DSL.field(DSL.select(REQUIREMENT.VERSION).from(REQUIREMENT)
                .where(REQUIREMENT.ID.eq(requirementId)));
        tx.insertInto(REQUIREMENT_ANSWER)
                .set(REQUIREMENT_ANSWER.REGISTRATION_ID, registrationId)
                .set(REQUIREMENT_ANSWER.REQUIREMENT_ID, requirementId)
                .set(REQUIREMENT_ANSWER.ANSWER, yes)
                .set(REQUIREMENT_ANSWER.ANSWERED_AT, now)
                .set(REQUIREMENT_ANSWER.VERSION, version)
                .onConflict(REQUIREMENT_ANSWER.REGISTRATION_ID, REQUIREMENT_ANSWER.REQUIREMENT_ID)
                .doUpdate()
                .set(REQUIREMENT_ANSWER.ANSWER, yes)
                .set(REQUIREMENT_ANSWER.ANSWERED_AT, now)
                .set(REQUIREMENT_ANSWER.VERSION, version)
                .execute();
    }
}
