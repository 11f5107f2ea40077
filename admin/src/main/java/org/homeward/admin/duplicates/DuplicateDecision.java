package org.homeward.admin.duplicates;

import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.audit.AuditLog.Actor;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;
import org.homeward.core.registrations.Staff;
import org.homeward.core.registrations.StaffChanges;
import org.homeward.core.registrations.StaffChanges.Outcome;
import org.homeward.db.Database;

/**
 * A decision on a pair: merge (keep one, the other cancelled as "duplicate of" it) or different people (remembered,
 * not listed again). Audited with both registrations' ids, in the transaction of the change.
 */
final class DuplicateDecision implements Action {
    private final Database database;
    private final boolean merge;

    DuplicateDecision(Database database, boolean merge) {
        this.database = database;
        this.merge = merge;
    }

    @Override
    public Result handle(Exchange exchange) {
        // One form per pair: a and b, and for a merge the one to keep (the button pressed).
        long a = number(exchange.form("a"));
        long b = number(exchange.form("b"));
        long keep = merge ? number(exchange.form("keep")) : a;
        long other = merge ? (keep == a ? b : keep == b ? a : 0) : b;
        if (keep <= 0 || other <= 0) {
            return exchange.render(400, "error.jte", "status", 400, "messageKey", "error.bad_request");
        }
        Staff staff = new Staff(exchange.accountId(), exchange.session().email());
        return database.dsl().transactionResult(c -> {
            StaffChanges changes = new StaffChanges(c.dsl());
            Outcome outcome = merge ? changes.merge(keep, other, staff, exchange.now())
                    : changes.different(keep, other, staff, exchange.now());
            return switch (outcome) {
                case Outcome.Done done -> {
                    AuditLog.append(c.dsl(), exchange.now(), Actor.of(exchange),
                            merge ? "registration.merge" : "registration.different", "registration:" + other,
                            (merge ? "duplicate of registration:" : "not a duplicate of registration:") + keep);
                    yield Result.redirect("/duplicates?done=" + (merge ? "merged" : "different"));
                }
                case Outcome.Gone gone -> exchange.render(404, "error.jte", "status", 404, "messageKey", "error.not_found");
                default -> exchange.render(409, "error.jte", "status", 409, "messageKey", "duplicates.not_allowed");
            };
        });
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
