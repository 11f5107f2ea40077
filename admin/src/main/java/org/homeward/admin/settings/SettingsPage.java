package org.homeward.admin.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;
import org.homeward.admin.web.Role;
import org.homeward.core.retention.Retention;
import org.homeward.core.settings.StaffSettings;
import org.homeward.db.Database;
import org.homeward.db.jooq.tables.records.OperationSettingsRecord;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.jooq.DSLContext;

/**
 * The operation settings: admins edit them, staff and coordinators read them (they answer migrants' questions
 * about the hotline and retention). Shows the privacy notice as migrants will read it, and what retention deleted.
 */
final class SettingsPage implements Action {
    /** Rows of retention counts shown (one per day and reason), newest first. */
    static final int COUNTS_SHOWN = 30;

    private final Database database;

    SettingsPage(Database database) {
        this.database = database;
    }

    @Override
    public Result handle(Exchange exchange) {
        String done = exchange.query("done");
        return render(exchange, 200, database.dsl(), null, null, null, done.matches("saved|consent") ? done : "");
    }

    /**
     * The page; {@code edit} the typed settings form (null: the stored values), {@code consent} the typed consent
     * form (null: a fresh one), {@code refused} the text of a refused change or null, {@code done} what was just done.
     */
    static Result render(Exchange ex, int status, DSLContext dsl, Form edit, Form consent, String refused, String done) {
        OperationSettingsRecord s = new StaffSettings(dsl).current();
        Form form = edit != null ? edit : SettingsForm.of(s);
        Form confirm = consent != null ? consent : Form.empty().value("version", String.valueOf(s.getVersion()));
        return ex.render(status, "settings.jte", "s", s, "form", form, "consent", confirm,
                "preview", preview(s), "counts", Retention.counts(dsl, COUNTS_SHOWN),
                "admin", ex.session().role() == Role.ADMIN, "refused", refused == null ? "" : refused, "done", done);
    }

    /** The short privacy notice as each language's migrants read it with the stored settings. */
    static Map<String, String> preview(OperationSettingsRecord s) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Language l : Language.values()) {
            String[] name = {s.getNameTg(), s.getNameRu(), s.getNameUz()};
            String[] recipients = {s.getRecipientsTg(), s.getRecipientsRu(), s.getRecipientsUz()};
            int i = switch (l.code()) {
                case "tg" -> 0;
                case "ru" -> 1;
                default -> 2;
            };
            texts.put(l.code(), Messages.get().format(l, "consent.short", Map.of("operation", name[i],
                    "recipients", recipients[i], "months", s.getRetentionMonths(), "hotline", s.getHotlinePhone())));
        }
        return texts;
    }
}
