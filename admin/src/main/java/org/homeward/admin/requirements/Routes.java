package org.homeward.admin.requirements;

import java.util.Map;
import java.util.TreeSet;
import org.homeward.admin.web.Names;
import org.homeward.admin.web.Texts;
import org.homeward.core.requirements.StaffRequirements.Route;
import org.jooq.DSLContext;

/** Routes named for staff, and the choices of the route selectors (for the templates). */
public final class Routes {
    private final Names names;
    private final Texts texts;
    private final TreeSet<String> placeCountries;
    private final TreeSet<String> destinationCountries;

    Routes(DSLContext tx, Texts texts) {
        this.names = new Names(tx, texts.language());
        this.texts = texts;
        this.placeCountries = new TreeSet<>(tx.fetchValues("select distinct country from location where active")
                .stream().map(o -> o.toString().strip()).toList());
        this.destinationCountries = new TreeSet<>(tx.fetchValues("select distinct country from destination where active")
                .stream().map(o -> o.toString().strip()).toList());
    }

    /** The active places, id to name. */
    public Map<Integer, String> places() {
        return names.places();
    }

    /** The active destinations, id to name. */
    public Map<Integer, String> destinations() {
        return names.destinations();
    }

    /** The countries with a departure place. */
    public java.util.Set<String> placeCountries() {
        return placeCountries;
    }

    /** The countries with a destination. */
    public java.util.Set<String> destinationCountries() {
        return destinationCountries;
    }

    /** "From → to" in words: a place, a whole country, or anywhere. */
    public String name(Route r) {
        String from = r.locationId() != null ? names.place(r.locationId())
                : r.locationCountry() != null ? texts.get("requirement.route.country", "country", r.locationCountry())
                : texts.get("requirement.route.anywhere");
        String to = r.destinationId() != null ? names.destination(r.destinationId())
                : r.destinationCountry() != null ? texts.get("requirement.route.country", "country", r.destinationCountry())
                : texts.get("requirement.route.anywhere");
        return from + " → " + to;
    }
}
