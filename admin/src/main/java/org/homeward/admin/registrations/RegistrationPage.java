package org.homeward.admin.registrations;

import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.audit.AuditLog.Actor;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;
import org.homeward.admin.web.Role;
import org.homeward.core.registrations.RegistrationCodes;
import org.homeward.core.registrations.Registrations;
import org.homeward.db.Database;
import org.jooq.DSLContext;

/** One registration in full; every view is written to the audit log, in the transaction that reads it. */
final class RegistrationPage implements Action {
    private final Database database;

    RegistrationPage(Database database) {
        this.database = database;
    }

    @Override
    public Result handle(Exchange exchange) {
        long id = RegistrationsPage.number(exchange.param("id"));
        return database.dsl().transactionResult(c -> {
            var detail = Detail.load(c.dsl(), id, exchange.texts().language());
            if (detail.isEmpty()) {
                return notFound(exchange);
            }
            AuditLog.append(c.dsl(), exchange.now(), Actor.of(exchange), "registration.view", "registration:" + id, null);
            Form edit = EditForm.of(new Registrations(c.dsl(), new RegistrationCodes()).form(detail.get().registration()),
                    detail.get().registration().getVersion());
            return render(exchange, 200, detail.get(), edit, Form.empty(), Form.empty(), null,
                    exchange.query("done"));
        });
    }

    static Result notFound(Exchange exchange) {
        return exchange.render(404, "error.jte", "status", 404, "messageKey", "error.not_found");
    }

    /**
     * The page with its three forms (corrections, status, note), each with what was typed and its errors.
     *
     * @param stale the "changed by X at T" message, or null
     * @param done the key of what was just saved (saved, status, note), or ""
     */
    static Result render(Exchange exchange, int status, Detail detail, Form edit, Form move, Form note, String stale,
            String done) {
        boolean staff = exchange.session().role() == Role.STAFF;
        return exchange.render(status, "registration.jte", "d", detail, "edit", edit, "move", move, "note", note,
                "staff", staff, "stale", stale == null ? "" : stale,
                "done", done.matches("saved|status|note") ? done : "");
    }

    /** Reads the detail again after a refused change (in the same transaction, so it shows the latest). */
    static Detail reload(DSLContext tx, Exchange exchange, long id) {
        return Detail.load(tx, id, exchange.texts().language()).orElseThrow();
    }
}
