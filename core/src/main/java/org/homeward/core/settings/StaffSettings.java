package org.homeward.core.settings;

import static org.homeward.db.jooq.Tables.OPERATION_SETTINGS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.homeward.db.jooq.tables.records.OperationSettingsRecord;
import org.jooq.DSLContext;

/**
 * What admins change in the programme's settings: its texts, hotline and retention period, and the consent version.
 * A change is made only to the version the member saw (optimistic locking). Works on the caller's transaction (the
 * admin app adds its audit entry to it).
 */
public final class StaffSettings {
    /** The editable settings, checked by the caller against the database's rules. */
    public record Values(String nameTg, String nameRu, String nameUz, String hotline, String recipientsTg,
            String recipientsRu, String recipientsUz, int retentionMonths) {
        /** Checks that every text is given. */
        public Values {
            for (String s : List.of(nameTg, nameRu, nameUz, hotline, recipientsTg, recipientsRu, recipientsUz)) {
                Objects.requireNonNull(s);
            }
        }

        /** The values stored now. */
        public static Values of(OperationSettingsRecord r) {
            return new Values(r.getNameTg(), r.getNameRu(), r.getNameUz(), r.getHotlinePhone(), r.getRecipientsTg(),
                    r.getRecipientsRu(), r.getRecipientsUz(), r.getRetentionMonths());
        }

        /** The fields that differ from {@code other}'s, each as "field: old → new" (settings hold no personal data). */
        public List<String> changesFrom(Values other) {
            List<String> changes = new ArrayList<>();
            change(changes, "name_tg", other.nameTg, nameTg);
            change(changes, "name_ru", other.nameRu, nameRu);
            change(changes, "name_uz", other.nameUz, nameUz);
            change(changes, "hotline", other.hotline, hotline);
            change(changes, "recipients_tg", other.recipientsTg, recipientsTg);
            change(changes, "recipients_ru", other.recipientsRu, recipientsRu);
            change(changes, "recipients_uz", other.recipientsUz, recipientsUz);
            change(changes, "retention_months", String.valueOf(other.retentionMonths), String.valueOf(retentionMonths));
            return changes;
        }

        private static void change(List<String> changes, String field, String before, String after) {
            if (!before.equals(after)) {
                changes.add(field + ": «" + before + "» → «" + after + "»");
            }
        }
    }

    /** What a change came to. */
    public sealed interface Outcome {
        /** Made; the settings are now at {@code version}. */
        record Done(int version) implements Outcome {}

        /** Refused: changed since the member read them, by {@code byEmail} (null if unknown) at {@code at}. */
        record Stale(String byEmail, Instant at) implements Outcome {}
    }

    private final DSLContext tx;

    /** Changes made in {@code tx}. */
    public StaffSettings(DSLContext tx) {
        this.tx = tx;
    }

    /** The settings as they are now. */
    public OperationSettingsRecord current() {
        return new OperationSettings(tx).current();
    }

    /** Saves {@code values} over the settings read at {@code version}, by {@code byEmail}. */
    public Outcome save(Values values, int version, String byEmail, Instant now) {
        int updated = tx.update(OPERATION_SETTINGS)
                .set(OPERATION_SETTINGS.NAME_TG, values.nameTg())
                .set(OPERATION_SETTINGS.NAME_RU, values.nameRu())
                .set(OPERATION_SETTINGS.NAME_UZ, values.nameUz())
                .set(OPERATION_SETTINGS.HOTLINE_PHONE, values.hotline())
                .set(OPERATION_SETTINGS.RECIPIENTS_TG, values.recipientsTg())
                .set(OPERATION_SETTINGS.RECIPIENTS_RU, values.recipientsRu())
                .set(OPERATION_SETTINGS.RECIPIENTS_UZ, values.recipientsUz())
                .set(OPERATION_SETTINGS.RETENTION_MONTHS, values.retentionMonths())
                .set(OPERATION_SETTINGS.VERSION, OPERATION_SETTINGS.VERSION.plus(1))
                .set(OPERATION_SETTINGS.UPDATED_AT, now)
                .set(OPERATION_SETTINGS.UPDATED_BY, byEmail)
                .where(OPERATION_SETTINGS.VERSION.eq(version))
                .execute();
        return outcome(updated);
    }

    /**
     * Raises the consent version by one (settings read at {@code version}): everyone who agreed to an older one is
     * asked to agree again at their next message, before any further question.
     */
    public Outcome raiseConsent(int version, String byEmail, Instant now) {
        int updated = tx.update(OPERATION_SETTINGS)
                .set(OPERATION_SETTINGS.CONSENT_VERSION, OPERATION_SETTINGS.CONSENT_VERSION.plus(1))
                .set(OPERATION_SETTINGS.VERSION, OPERATION_SETTINGS.VERSION.plus(1))
                .set(OPERATION_SETTINGS.UPDATED_AT, now)
                .set(OPERATION_SETTINGS.UPDATED_BY, byEmail)
                .where(OPERATION_SETTINGS.VERSION.eq(version))
                .execute();
        return outcome(updated);
    }

    private Outcome outcome(int updated) {
        OperationSettingsRecord now = current();
        return updated == 1 ? new Outcome.Done(now.getVersion()) : new Outcome.Stale(now.getUpdatedBy(), now.getUpdatedAt());
    }
}
