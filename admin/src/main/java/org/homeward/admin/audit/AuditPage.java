package org.homeward.admin.audit;

import java.util.List;
import java.util.Optional;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;
import org.homeward.db.Database;

/** The audit trail, newest first, 100 entries a page (keyset: "before" the last id shown), filtered. */
final class AuditPage implements Action {
    static final int PAGE = 100;

    private final Database database;
    private final boolean check;

    AuditPage(Database database, boolean check) {
        this.database = database;
        this.check = check;
    }

    @Override
    public Result handle(Exchange exchange) {
        String action = exchange.query("action").strip();
        String actor = exchange.query("actor").strip();
        long before;
        try {
            before = exchange.query("before").isEmpty() ? 0 : Long.parseLong(exchange.query("before"));
        } catch (NumberFormatException e) {
            before = 0;
        }
        List<AuditLog.Entry> entries = AuditLog.list(database.dsl(), action, actor, before, PAGE);
        long next = entries.size() == PAGE ? entries.getLast().id() : 0;
        // -1: not checked on this page; 0: whole chain holds; else the first entry whose link is broken.
        long broken = -1;
        if (check) {
            Optional<Long> first = AuditLog.firstBrokenLink(database.dsl());
            broken = first.orElse(0L);
        }
        return exchange.render("audit.jte", "entries", entries, "actions", AuditLog.actions(database.dsl()),
                "action", action, "actor", actor, "next", next, "broken", broken,
                "count", check ? AuditLog.count(database.dsl()) : 0);
    }
}
