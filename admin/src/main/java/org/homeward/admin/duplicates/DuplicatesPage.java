package org.homeward.admin.duplicates;

import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;
import org.homeward.admin.web.Role;
import org.homeward.core.registrations.Duplicates;
import org.homeward.db.Database;

/** The likely duplicates, newest first, {@value #LIMIT} at most: each decision takes a pair off the list. */
final class DuplicatesPage implements Action {
    static final int LIMIT = 50;

    private final Database database;

    DuplicatesPage(Database database) {
        this.database = database;
    }

    @Override
    public Result handle(Exchange exchange) {
        var pairs = new Duplicates(database.dsl()).likely(LIMIT);
        return exchange.render("duplicates.jte", "pairs", pairs, "staff", exchange.session().role() == Role.STAFF,
                "done", exchange.query("done").matches("merged|different") ? exchange.query("done") : "",
                "limit", LIMIT);
    }
}
