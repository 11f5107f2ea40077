package org.homeward.admin.departures;

import org.homeward.admin.web.Names;
import java.util.List;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;
import org.homeward.admin.web.Role;
import org.homeward.core.departures.StaffDepartures;
import org.homeward.core.departures.StaffDepartures.Summary;
import org.homeward.core.outbox.Outbox;
import org.homeward.db.Database;
import org.jooq.DSLContext;

/** Every departure, the next first, {@value #LIMIT} at most, with the form for a new one (staff only). */
final class DeparturesPage implements Action {
    static final int LIMIT = 200;

    private final Database database;

    DeparturesPage(Database database) {
        this.database = database;
    }

    @Override
    public Result handle(Exchange exchange) {
        return render(exchange, 200, database.dsl(), Form.empty().value("seats", "50"));
    }

    /** The list with the new-departure form as typed (and its errors). */
    static Result render(Exchange exchange, int status, DSLContext dsl, Form form) {
        List<Summary> departures = new StaffDepartures(dsl, new Outbox()).list(exchange.now(), LIMIT);
        return exchange.render(status, "departures.jte", "departures", departures,
                "names", new Names(dsl, exchange.texts().language()), "form", form,
                "staff", exchange.session().role() == Role.STAFF);
    }
}
