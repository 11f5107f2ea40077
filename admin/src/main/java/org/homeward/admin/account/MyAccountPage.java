package org.homeward.admin.account;

import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;
import org.homeward.core.staff.StaffLinks;
import org.homeward.db.Database;

/** The member's own settings: interface language, second factor, and their linked Telegram. */
final class MyAccountPage implements Action {
    private final Database database;

    MyAccountPage(Database database) {
        this.database = database;
    }

    @Override
    public Result handle(Exchange exchange) {
        String done = exchange.query("done");
        return render(exchange, database, "", done.matches("unlinked") ? done : "");
    }

    /** The page; {@code code} is a link code just made (shown this once), or "". */
    static Result render(Exchange exchange, Database database, String code, String done) {
        boolean linked = new StaffLinks(database.dsl()).chat(exchange.accountId()).isPresent();
        return exchange.render("account.jte", "hasTotp", exchange.session().hasTotp(), "linked", linked,
                "code", code, "done", done);
    }
}
