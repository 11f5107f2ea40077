package org.homeward.admin.audit;

import org.homeward.admin.web.Action;
import org.homeward.db.Database;

/** The audit trail's page and its chain check (admins), for the route table. */
public final class AuditActions {
    private final Database database;

    public AuditActions(Database database) {
        this.database = database;
    }

    /** GET /audit?action=&actor=&before=: entries, newest first, filtered. */
    public Action list() {
        return new AuditPage(database, false);
    }

    /** GET /audit/check: the same page, with the result of walking the whole chain. */
    public Action check() {
        return new AuditPage(database, true);
    }
}
