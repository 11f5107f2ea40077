package org.homeward.admin.registrations;

import org.homeward.admin.web.Names;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;
import org.homeward.core.departures.Departures;
import org.homeward.core.registrations.RegistrationSearch;
import org.homeward.core.registrations.RegistrationSearch.Filter;
import org.homeward.db.Database;
import org.homeward.db.enums.StaffStatus;
import org.homeward.db.jooq.tables.records.DepartureRecord;

/**
 * The registrations list: search and filters from the query string, {@value #PAGE} a page, newest first, the next
 * page after the last id shown (keyset). Document numbers are masked here; the detail page shows them, audited.
 */
final class RegistrationsPage implements Action {
    static final int PAGE = 50;

    private final Database database;

    RegistrationsPage(Database database) {
        this.database = database;
    }

    @Override
    public Result handle(Exchange exchange) {
        Map<String, String> query = query(exchange);
        Filter filter = filter(query);
        long after = number(exchange.query("after"));
        return database.dsl().transactionResult(c -> {
            var tx = c.dsl();
            List<RegistrationSearch.Row> rows = new RegistrationSearch(tx).page(filter, after, PAGE + 1);
            boolean more = rows.size() > PAGE;
            if (more) {
                rows = rows.subList(0, PAGE);
            }
            Map<Long, String> departures = new LinkedHashMap<>();
            for (DepartureRecord d : new Departures(tx).latest(100)) {
                departures.put(d.getId(), d.getDepartsAt().atZone(ZoneOffset.UTC).toLocalDateTime().toString()
                        .replace('T', ' ') + " UTC");
            }
            String kept = Links.query(query);
            String next = more ? "?" + (kept.isEmpty() ? "" : kept + "&") + "after=" + rows.getLast().id() : "";
            return exchange.render("registrations.jte", "rows", rows, "query", query,
                    "names", new Names(tx, exchange.texts().language()), "departures", departures, "next", next);
        });
    }

    /** The list's filters as typed in the query string (kept for links), stripped; the export takes the same. */
    static Map<String, String> query(Exchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : List.of("q", "place", "destination", "status", "need", "language", "from", "to", "departure")) {
            query.put(name, exchange.query(name).strip());
        }
        return query;
    }

    /** The filter the list (and the export) applies for {@link #query}'s values; a value that makes no sense is ignored. */
    static Filter filter(Map<String, String> query) {
        return new Filter(query.get("q"), integer(query.get("place")), integer(query.get("destination")),
                status(query.get("status")), need(query.get("need")), language(query.get("language")),
                day(query.get("from")), day(query.get("to")), departure(query.get("departure")));
    }

    static Integer integer(String s) {
        try {
            return s.isEmpty() ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static long number(String s) {
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static StaffStatus status(String s) {
        for (StaffStatus v : StaffStatus.values()) {
            if (v.getLiteral().equals(s)) {
                return v;
            }
        }
        return null;
    }

    private static String need(String s) {
        return org.homeward.core.registrations.RegistrationForm.NEEDS.contains(s) ? s : null;
    }

    private static String language(String s) {
        return List.of("tg", "ru", "uz").contains(s) ? s : null;
    }

    private static LocalDate day(String s) {
        try {
            return s.isEmpty() ? null : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Long departure(String s) {
        if (s.equals("none")) {
            return RegistrationSearch.NO_DEPARTURE;
        }
        long id = number(s);
        return id > 0 ? id : null;
    }
}
