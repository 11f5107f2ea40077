package org.homeward.admin.departures;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;
import org.homeward.admin.web.Form;
import org.homeward.core.departures.StaffDepartures;

/**
 * The filter over a departure's waiting list (issue 13, "assign by filter"): read from the page's query (to show the
 * matching registrations) and from the fill form (to assign them), with an error next to a field typed wrong.
 */
final class WaitingFilter {
    /** The filter's fields, as named in the page's forms. */
    static final List<String> FIELDS = List.of("f_dest", "f_need", "f_before", "f_max");

    /** What was typed, with its errors, and the filter when everything was valid (otherwise any). */
    record Parsed(Form typed, StaffDepartures.Filter filter) {
        /** True when some part of the filter is set. */
        boolean active() {
            return FIELDS.stream().anyMatch(f -> !typed.value(f).isEmpty());
        }
    }

    private WaitingFilter() {}

    /** Reads the filter's fields through {@code field}; dates are days at the departure point ({@code zone}). */
    static Parsed parse(Function<String, String> field, ZoneId zone) {
        Form typed = Form.empty();
        for (String f : FIELDS) {
            typed.value(f, field.apply(f).strip());
        }
        Integer destination = null;
        if (!typed.value("f_dest").isEmpty()) {
            destination = number(typed.value("f_dest"), 1, Integer.MAX_VALUE);
            if (destination == null) {
                typed.error("f_dest", "departure.problem.filter_destination");
            }
        }
        List<String> needs = List.of();
        String need = typed.value("f_need");
        if (!need.isEmpty()) {
            if (StaffDepartures.URGENCY.contains(need)) {
                needs = List.of(need);
            } else {
                typed.error("f_need", "departure.problem.filter_need");
            }
        }
        java.time.Instant before = null;
        if (!typed.value("f_before").isEmpty()) {
            try {
                before = LocalDate.parse(typed.value("f_before")).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException e) {
                typed.error("f_before", "departure.problem.filter_date");
            }
        }
        Integer max = null;
        if (!typed.value("f_max").isEmpty()) {
            max = number(typed.value("f_max"), 1, 50);
            if (max == null) {
                typed.error("f_max", "departure.problem.filter_max");
            }
        }
        StaffDepartures.Filter filter = typed.valid()
                ? new StaffDepartures.Filter(destination, needs, before, max) : StaffDepartures.Filter.ANY;
        return new Parsed(typed, filter);
    }

    private static Integer number(String s, int min, int max) {
        try {
            int n = Integer.parseInt(s);
            return n < min || n > max ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
