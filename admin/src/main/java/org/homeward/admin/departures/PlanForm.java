package org.homeward.admin.departures;

import org.homeward.admin.web.Names;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.core.departures.StaffDepartures;
import org.homeward.core.departures.StaffDepartures.Plan;
import org.homeward.db.jooq.tables.records.DepartureRecord;
import org.homeward.db.jooq.tables.records.LocationRecord;

/** The departure form: what was typed, checked field by field; a refused form keeps every typed value. */
final class PlanForm {
    static final int MAX_SEATS = 1000;
    static final List<String> TEXTS = List.of("meeting_tg", "meeting_ru", "meeting_uz", "bring_tg", "bring_ru", "bring_uz");

    private PlanForm() {}

    /** The typed form and, when every field is right, the plan. */
    record Parsed(Form typed, Plan plan) {}

    /** The form filled with a stored departure, for editing. */
    static Form of(DepartureRecord d, LocationRecord place, List<Integer> destinations) {
        LocalDateTime local = LocalDateTime.ofInstant(d.getDepartsAt(), ZoneId.of(place.getTimeZone()));
        Form f = Form.empty()
                .value("place", String.valueOf(d.getLocationId()))
                .value("date", local.toLocalDate().toString())
                .value("time", local.toLocalTime().toString())
                .value("meeting_tg", d.getMeetingPointTg()).value("meeting_ru", d.getMeetingPointRu())
                .value("meeting_uz", d.getMeetingPointUz())
                .value("lat", d.getMeetingLatitude() == null ? "" : String.valueOf(d.getMeetingLatitude()))
                .value("lon", d.getMeetingLongitude() == null ? "" : String.valueOf(d.getMeetingLongitude()))
                .value("seats", String.valueOf(d.getSeats()))
                .value("bring_tg", d.getBringTg()).value("bring_ru", d.getBringRu()).value("bring_uz", d.getBringUz())
                .value("version", version(d));
        for (int id : destinations) {
            f.value("dest." + id, "on");
        }
        return f;
    }

    /**
     * What the form was read at, for optimistic locking: a digest of every stored field and the last change time,
     * so a save over anything changed meanwhile is refused even when two saves fall in the same millisecond.
     */
    static String version(DepartureRecord d) {
        String all = java.util.Arrays.asList(d.getLocationId(), d.getDepartsAt(), d.getMeetingPointTg(),
                d.getMeetingPointRu(), d.getMeetingPointUz(), d.getMeetingLatitude(), d.getMeetingLongitude(),
                d.getSeats(), d.getBringTg(), d.getBringRu(), d.getBringUz(), d.getStatus(), d.getUpdatedAt()).toString();
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(all.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static Parsed parse(Exchange ex, Names names) {
        Form f = Form.empty();
        for (String field : List.of("place", "date", "time", "lat", "lon", "seats", "version")) {
            f.value(field, ex.form(field));
        }
        for (String field : TEXTS) {
            f.value(field, ex.form(field));
        }
        List<Integer> destinations = new ArrayList<>();
        for (String v : ex.formValues("dest")) {
            Integer id = integer(v);
            if (id == null || !names.destinations().containsKey(id)) {
                f.error("dest", "problem.choose");
            } else {
                destinations.add(id);
                f.value("dest." + id, "on");
            }
        }
        Integer place = integer(ex.form("place"));
        if (place == null || !names.places().containsKey(place)) {
            f.error("place", "problem.choose");
        }
        LocalDate date = null;
        LocalTime time = null;
        try {
            date = LocalDate.parse(ex.form("date").strip());
        } catch (DateTimeParseException e) {
            f.error("date", ex.form("date").isBlank() ? "problem.required" : "departure.problem.date");
        }
        try {
            time = LocalTime.parse(ex.form("time").strip());
        } catch (DateTimeParseException e) {
            f.error("time", ex.form("time").isBlank() ? "problem.required" : "departure.problem.time");
        }
        for (String field : TEXTS) {
            String text = ex.form(field).strip();
            if (field.startsWith("meeting") && text.isEmpty()) {
                f.error(field, "problem.required");
            } else if (text.length() > StaffDepartures.MAX_TEXT) {
                f.error(field, "problem.too_long");
            }
        }
        Double lat = decimal(ex.form("lat"));
        Double lon = decimal(ex.form("lon"));
        boolean latTyped = !ex.form("lat").isBlank();
        boolean lonTyped = !ex.form("lon").isBlank();
        if (latTyped != lonTyped || latTyped && (lat == null || lat < -90 || lat > 90)
                || lonTyped && (lon == null || lon < -180 || lon > 180)) {
            f.error("lat", "departure.problem.pin");
        }
        Integer seats = integer(ex.form("seats"));
        if (seats == null || seats < 1 || seats > MAX_SEATS) {
            f.error("seats", "departure.problem.seats");
        }
        if (!f.valid()) {
            return new Parsed(f, null);
        }
        return new Parsed(f, new Plan(place, destinations, LocalDateTime.of(date, time),
                ex.form("meeting_tg").strip(), ex.form("meeting_ru").strip(), ex.form("meeting_uz").strip(),
                latTyped ? lat : null, lonTyped ? lon : null, seats,
                ex.form("bring_tg"), ex.form("bring_ru"), ex.form("bring_uz")));
    }

    static Integer integer(String s) {
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double decimal(String s) {
        try {
            double d = Double.parseDouble(s.strip().replace(',', '.'));
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
