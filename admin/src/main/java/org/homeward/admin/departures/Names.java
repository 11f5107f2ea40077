package org.homeward.admin.departures;

import java.util.LinkedHashMap;
import java.util.Map;
import org.homeward.core.places.Places;
import org.homeward.db.jooq.tables.records.DestinationRecord;
import org.homeward.db.jooq.tables.records.LocationRecord;
import org.homeward.i18n.StaffLanguage;
import org.jooq.DSLContext;

/** Places and destinations named in the member's language (for English the Latin-script Uzbek names). */
public final class Names {
    private final Map<Integer, String> places = new LinkedHashMap<>();
    private final Map<Integer, String> destinations = new LinkedHashMap<>();

    Names(DSLContext tx, StaffLanguage language) {
        Places p = new Places(tx);
        boolean ru = language == StaffLanguage.RU;
        for (LocationRecord l : p.locations()) {
            places.put(l.getId(), ru ? l.getNameRu() : l.getNameUz());
        }
        for (DestinationRecord d : p.destinations()) {
            destinations.put(d.getId(), ru ? d.getNameRu() : d.getNameUz());
        }
    }

    /** The active places, id to name, in display order. */
    public Map<Integer, String> places() {
        return places;
    }

    /** The active destinations, id to name, in display order. */
    public Map<Integer, String> destinations() {
        return destinations;
    }

    /** A place's name. */
    public String place(int id) {
        return places.getOrDefault(id, "#" + id);
    }

    /** A destination's name. */
    public String destination(int id) {
        return destinations.getOrDefault(id, "#" + id);
    }
}
