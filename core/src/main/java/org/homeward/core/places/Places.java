package org.homeward.core.places;

import static org.homeward.db.jooq.Tables.DESTINATION;
import static org.homeward.db.jooq.Tables.LOCATION;

import java.util.List;
import java.util.Optional;
import org.homeward.core.registrations.Validation;
import org.homeward.db.jooq.tables.records.DestinationRecord;
import org.homeward.db.jooq.tables.records.LocationRecord;
import org.jooq.DSLContext;

/** Where people are stranded (border crossings, cities) and where they are going. Works on the caller's transaction. */
public final class Places {
    /** A shared location farther than this from every known place is not guessed: the person types the place. */
    public static final double NEAREST_PLACE_MAX_KM = 150;

    private final DSLContext tx;

    /** Places read in {@code tx}. */
    public Places(DSLContext tx) {
        this.tx = tx;
    }

    /** The active places, in their display order. */
    public List<LocationRecord> locations() {
        return tx.selectFrom(LOCATION).where(LOCATION.ACTIVE.isTrue()).orderBy(LOCATION.SORT_ORDER, LOCATION.ID).fetch();
    }

    /** A place by id; empty for null or unknown. */
    public Optional<LocationRecord> location(Integer id) {
        return id == null ? Optional.empty() : tx.selectFrom(LOCATION).where(LOCATION.ID.eq(id)).fetchOptional();
    }

    /** The active place nearest to a point, if one is within {@link #NEAREST_PLACE_MAX_KM}. */
    public Optional<LocationRecord> nearest(double latitude, double longitude) {
        LocationRecord nearest = null;
        double best = Double.MAX_VALUE;
        for (LocationRecord l : locations()) {
            double km = Validation.distanceKm(latitude, longitude, l.getLatitude(), l.getLongitude());
            if (km < best) {
                best = km;
                nearest = l;
            }
        }
        return best > NEAREST_PLACE_MAX_KM ? Optional.empty() : Optional.ofNullable(nearest);
    }

    /** The active destinations, in their display order. */
    public List<DestinationRecord> destinations() {
        return tx.selectFrom(DESTINATION).where(DESTINATION.ACTIVE.isTrue())
                .orderBy(DESTINATION.SORT_ORDER, DESTINATION.ID).fetch();
    }

    /** A destination by id; empty for null or unknown. */
    public Optional<DestinationRecord> destination(Integer id) {
        return id == null ? Optional.empty()
                : tx.selectFrom(DESTINATION).where(DESTINATION.ID.eq(id)).fetchOptional();
    }
}
