package org.homeward.admin.registrations;

import org.homeward.admin.web.Action;
import org.homeward.db.Database;

/** The registrations' routes, for the route table: the list, one registration, and staff's changes to it. */
public final class RegistrationActions {
    private final Database database;

    public RegistrationActions(Database database) {
        this.database = database;
    }

    /** GET /registrations: search, filters, keyset pages. */
    public Action list() {
        return new RegistrationsPage(database);
    }

    /** GET /registrations/{id}: the detail, audited. */
    public Action detail() {
        return new RegistrationPage(database);
    }

    /** GET /registrations/export: how many the list's filters give, the format and the reason asked. */
    public Action exportPage() {
        return new ExportPage(database);
    }

    /** POST /registrations/export: the reason checked, the export audited and streamed. */
    public Action export() {
        return new ExportPage(database);
    }

    /** POST /registrations/{id}: corrections. */
    public Action correct() {
        return new RegistrationChange(database, RegistrationChange.Kind.CORRECT);
    }

    /** POST /registrations/{id}/status: a step of the staff lifecycle. */
    public Action status() {
        return new RegistrationChange(database, RegistrationChange.Kind.STATUS);
    }

    /** POST /registrations/{id}/notes: an internal note. */
    public Action note() {
        return new RegistrationChange(database, RegistrationChange.Kind.NOTE);
    }
}
