package org.homeward.core.settings;

import static org.homeward.db.jooq.Tables.OPERATION_SETTINGS;

import org.homeward.db.jooq.tables.records.OperationSettingsRecord;
import org.jooq.DSLContext;

/** The programme's settings shown to migrants: its name, hotline, retention and consent version. One row. */
public final class OperationSettings {
    private final DSLContext tx;

    /** Settings read in {@code tx}. */
    public OperationSettings(DSLContext tx) {
        this.tx = tx;
    }

    /** The settings as they are now. */
    public OperationSettingsRecord current() {
        return tx.selectFrom(OPERATION_SETTINGS).fetchSingle();
    }
}
