package org.homeward.admin.duplicates;

import org.homeward.admin.web.Action;
import org.homeward.db.Database;

/** Likely duplicate registrations, and staff's decisions on them, for the route table. */
public final class DuplicateActions {
    private final Database database;

    public DuplicateActions(Database database) {
        this.database = database;
    }

    /** GET /duplicates. */
    public Action list() {
        return new DuplicatesPage(database);
    }

    /** POST /duplicates/merge: keep one, cancel the other as its duplicate. */
    public Action merge() {
        return new DuplicateDecision(database, true);
    }

    /** POST /duplicates/different: two different people, not listed again. */
    public Action different() {
        return new DuplicateDecision(database, false);
    }
}
