package org.homeward.admin.account;

import java.util.OptionalLong;
import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.audit.AuditLog.Actor;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;
import org.homeward.admin.web.Stage;
import org.homeward.db.Database;

/**
 * Sets up the second factor once a code from the app proves the secret was scanned. An admin who had to do this
 * before anything else is then logged in, with a new session id.
 */
final class TotpEnrolSubmit implements Action {
    private final Accounts accounts;
    private final Database database;

    TotpEnrolSubmit(Accounts accounts, Database database) {
        this.accounts = accounts;
        this.database = database;
    }

    static Result page(Exchange exchange, int status, String secret, Form form) {
        String uri = Totp.uri(secret, exchange.session().email());
        return exchange.render(status, "enrol.jte", "secret", secret, "uri", uri, "qr", Totp.qrSvg(uri), "form", form,
                "required", exchange.session().stage() == Stage.ENROL);
    }

    @Override
    public Result handle(Exchange exchange) {
        String secret = exchange.form("secret");
        if (!secret.matches("[A-Z2-7]{32}")) {
            return page(exchange, 422, Totp.newSecret(), Form.empty().error("code", "totp.error.wrong"));
        }
        OptionalLong step = Totp.verify(secret, exchange.form("code"), exchange.now(), -1);
        if (step.isEmpty()) {
            return page(exchange, 422, secret, Form.empty().error("code", "totp.error.wrong"));
        }
        Actor actor = Actor.of(exchange);
        accounts.setTotp(actor, exchange.accountId(), secret, step.getAsLong(), exchange.now());
        if (exchange.session().stage() == Stage.ENROL) {
            long id = exchange.accountId();
            exchange.startSession(id, Stage.FULL);
            AuditLog.record(database, exchange.now(), actor, "login.success", "account:" + id,
                    "password and a new second factor");
        }
        return Result.redirect("/");
    }
}
