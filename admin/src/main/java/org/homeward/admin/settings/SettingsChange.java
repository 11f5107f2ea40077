package org.homeward.admin.settings;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.audit.AuditLog.Actor;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;
import org.homeward.core.settings.StaffSettings;
import org.homeward.core.settings.StaffSettings.Outcome;
import org.homeward.core.settings.StaffSettings.Values;
import org.homeward.db.Database;
import org.jooq.DSLContext;

/**
 * Admins change the settings, or ask everyone to agree to the notice again. The change and its audit entry (old →
 * new values: settings are not personal data) commit together; a save over a newer version is refused (409).
 */
final class SettingsChange implements Action {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private final Database database;
    private final boolean consent;

    SettingsChange(Database database, boolean consent) {
        this.database = database;
        this.consent = consent;
    }

    @Override
    public Result handle(Exchange exchange) {
        return database.dsl().transactionResult(c -> consent ? raise(exchange, c.dsl()) : save(exchange, c.dsl()));
    }

    private static Result save(Exchange ex, DSLContext tx) {
        SettingsForm.Parsed parsed = SettingsForm.parse(ex);
        if (!parsed.typed().valid()) {
            return SettingsPage.render(ex, 422, tx, parsed.typed(), null, null, "");
        }
        StaffSettings settings = new StaffSettings(tx);
        Values before = Values.of(settings.current());
        Outcome outcome = settings.save(parsed.values(), SettingsForm.version(ex.form("version")),
                ex.session().email(), ex.now());
        if (outcome instanceof Outcome.Stale stale) {
            // Someone saved since this form was shown: nothing is overwritten, the typed text stays.
            return SettingsPage.render(ex, 409, tx, parsed.typed(), null, staleText(ex, stale), "");
        }
        var changes = parsed.values().changesFrom(before);
        AuditLog.append(tx, ex.now(), Actor.of(ex), "settings.edit", "settings",
                changes.isEmpty() ? "no change" : String.join("; ", changes));
        return Result.redirect("/settings?done=saved");
    }

    private static Result raise(Exchange ex, DSLContext tx) {
        Form typed = Form.empty().value("version", ex.form("version"));
        if (!"yes".equals(ex.form("confirm"))) {
            typed.error("confirm", "settings.problem.confirm");
            return SettingsPage.render(ex, 422, tx, null, typed, null, "");
        }
        StaffSettings settings = new StaffSettings(tx);
        int before = settings.current().getConsentVersion();
        Outcome outcome = settings.raiseConsent(SettingsForm.version(ex.form("version")), ex.session().email(), ex.now());
        if (outcome instanceof Outcome.Stale stale) {
            return SettingsPage.render(ex, 409, tx, null, null, staleText(ex, stale), "");
        }
        AuditLog.append(tx, ex.now(), Actor.of(ex), "settings.consent_raise", "settings",
                "consent_version: " + before + " → " + (before + 1));
        return Result.redirect("/settings?done=consent");
    }

    private static String staleText(Exchange ex, Outcome.Stale stale) {
        return ex.texts().get("settings.stale", "by", stale.byEmail() == null ? "—" : stale.byEmail(),
                "at", stale.at() == null ? "—" : WHEN.format(stale.at()));
    }
}
