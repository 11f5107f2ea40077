package org.homeward.admin.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.homeward.core.places.Places;
import org.homeward.db.jooq.tables.records.DestinationRecord;
import org.homeward.db.jooq.tables.records.LocationRecord;
import org.homeward.i18n.StaffLanguage;
import org.jooq.DSLContext;

/**
 * Places and destinations by id, named in the member's language: Russian names for Russian, and for English the
 * Latin-script (Uzbek) names, the only Latin spelling the catalogue holds. Shared by the registrations and the
 * departures pages.
 */
public final class Names {
    private final Map<Integer, String> places = new LinkedHashMap<>();
    private final Map<Integer, String> destinations = new LinkedHashMap<>();

    /** The active places and destinations, read in {@code tx}, named for {@code language}. */
    public Names(DSLContext tx, StaffLanguage language) {
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

    /** A place's name, the typed "other" place, or "—". */
    public String place(Integer id, String other) {
        if (id != null) {
            return place(id.intValue());
        }
        return other == null ? "—" : other;
    }

    /** A destination's name, or "—". */
    public String destination(Integer id) {
        return id == null ? "—" : destinations.getOrDefault(id, "#" + id);
    }
}
