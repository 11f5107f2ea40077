package org.homeward.admin.departures;

import org.homeward.admin.web.Names;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;
import org.homeward.admin.web.Role;
import org.homeward.core.departures.StaffDepartures;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.requirements.StaffRequirements;
import org.homeward.db.Database;
import org.jooq.DSLContext;

/** One departure: its details (an edit form for staff), seats used and free, passengers and answers, who waits. */
final class DeparturePage implements Action {
    /** How many waiting registrations the assign form lists, most urgent first. */
    static final int WAITING_SHOWN = 100;

    private final Database database;

    DeparturePage(Database database) {
        this.database = database;
    }

    @Override
    public Result handle(Exchange exchange) {
        long id = number(exchange.param("id"));
        String done = exchange.query("done");
        String text = "";
        if (done.matches("created|saved|assigned|nobody_fits|unassigned|cancelled|filled|departed")) {
            // The counts of what was just done come back in the redirect's query.
            text = exchange.texts().get("departure.done." + done, "n", count(exchange, "n"),
                    "people", count(exchange, "people"), "left", count(exchange, "left"),
                    "returned", count(exchange, "returned"));
        }
        return render(exchange, 200, database.dsl(), id, null, null, text);
    }

    private static int count(Exchange exchange, String name) {
        long n = number(exchange.query(name));
        return n < 0 || n > 100_000 ? 0 : (int) n;
    }

    /**
     * The page; {@code edit} is the typed edit form (null: the stored values), {@code refused} the text of a refused
     * change (or null), {@code done} the text of what was just done; the waiting list is filtered by the page's query.
     */
    static Result render(Exchange ex, int status, DSLContext dsl, long id, Form edit, String refused, String done) {
        return render(ex, status, dsl, id, edit, refused, done, null);
    }

    /** The page with the waiting list filtered by {@code filter} (null: by the page's query). */
    static Result render(Exchange ex, int status, DSLContext dsl, long id, Form edit, String refused, String done,
            WaitingFilter.Parsed filter) {
        StaffDepartures departures = new StaffDepartures(dsl, new Outbox());
        var summary = departures.summary(id);
        if (summary.isEmpty()) {
            return notFound(ex);
        }
        var s = summary.get();
        WaitingFilter.Parsed f = filter != null ? filter
                : WaitingFilter.parse(ex::query, java.time.ZoneId.of(s.place().getTimeZone()));
        Form form = edit != null ? edit : PlanForm.of(s.departure(), s.place(), departures.destinationIds(id));
        return ex.render(status, "departure.jte", "s", s, "names", new Names(dsl, ex.texts().language()),
                "destinations", departures.destinationIds(id), "passengers", departures.passengers(id),
                "waiting", departures.waiting(id, f.filter(), WAITING_SHOWN), "form", form, "filter", f.typed(), "filtered", f.active(),
                "needs", StaffDepartures.URGENCY,
                "staff", ex.session().role() == Role.STAFF, "refused", refused == null ? "" : refused, "done", done,
                "questions", new StaffRequirements(dsl, new Outbox()).onDeparture(id),
                "questionsRu", ex.texts().language() == org.homeward.i18n.StaffLanguage.RU);
    }

    static Result notFound(Exchange exchange) {
        return exchange.render(404, "error.jte", "status", 404, "messageKey", "error.not_found");
    }

    /** A path number, or -1 (found nowhere) when it is not one. */
    static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
