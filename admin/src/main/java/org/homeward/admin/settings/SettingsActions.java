package org.homeward.admin.settings;

import org.homeward.admin.web.Action;
import org.homeward.db.Database;

/** The operation settings' routes, for the route table: the page, a save, and asking everyone to agree again. */
public final class SettingsActions {
    private final Database database;

    /** Routes on {@code database}. */
    public SettingsActions(Database database) {
        this.database = database;
    }

    /** GET /settings: the settings (a form for admins), a preview of the notice, the retention counts. */
    public Action page() {
        return new SettingsPage(database);
    }

    /** POST /settings: the programme's texts, hotline and retention period saved, audited old → new. */
    public Action save() {
        return new SettingsChange(database, false);
    }

    /** POST /settings/consent: the consent version raised by one, once confirmed; everyone is asked again. */
    public Action raiseConsent() {
        return new SettingsChange(database, true);
    }
}
