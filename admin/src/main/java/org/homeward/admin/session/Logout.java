package org.homeward.admin.session;

import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.audit.AuditLog.Actor;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;
import org.homeward.db.Database;

/** Ends the session (a POST with the CSRF token, so no page elsewhere can log a member out). */
final class Logout implements Action {
    private final Database database;

    Logout(Database database) {
        this.database = database;
    }

    @Override
    public Result handle(Exchange exchange) {
        Actor actor = Actor.of(exchange);
        exchange.endSession();
        AuditLog.record(database, exchange.now(), actor, "logout", "account:" + actor.accountId(), null);
        return Result.redirect("/login?done=logout");
    }
}
