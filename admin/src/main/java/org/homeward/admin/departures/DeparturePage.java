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
        return render(exchange, 200, database.dsl(), id, null, null,
                done.matches("created|saved|assigned|nobody_fits|unassigned|cancelled") ? done : "");
    }

    /**
     * The page; {@code edit} is the typed edit form (null: the stored values), {@code refused} the text of a refused
     * change (or null), {@code done} the key of what was just done.
     */
    static Result render(Exchange ex, int status, DSLContext dsl, long id, Form edit, String refused, String done) {
        StaffDepartures departures = new StaffDepartures(dsl, new Outbox());
        var summary = departures.summary(id);
        if (summary.isEmpty()) {
            return notFound(ex);
        }
        var s = summary.get();
        Form form = edit != null ? edit : PlanForm.of(s.departure(), s.place(), departures.destinationIds(id));
        return ex.render(status, "departure.jte", "s", s, "names", new Names(dsl, ex.texts().language()),
                "destinations", departures.destinationIds(id), "passengers", departures.passengers(id),
                "waiting", departures.waiting(id, WAITING_SHOWN), "form", form,
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
