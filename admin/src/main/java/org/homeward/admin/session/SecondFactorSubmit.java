package org.homeward.admin.session;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.homeward.admin.account.Accounts;
import org.homeward.admin.account.Accounts.Account;
import org.homeward.admin.account.Totp;
import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.audit.AuditLog.Actor;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;
import org.homeward.admin.web.Stage;
import org.homeward.db.Database;

/** Checks the TOTP code; right: logged in with a new session id; wrong: counted like a wrong password. */
final class SecondFactorSubmit implements Action {
    private final Database database;
    private final Accounts accounts;
    private final LoginThrottle throttle;

    SecondFactorSubmit(Database database, Accounts accounts, LoginThrottle throttle) {
        this.database = database;
        this.accounts = accounts;
        this.throttle = throttle;
    }

    @Override
    public Result handle(Exchange exchange) {
        Account account = accounts.byId(exchange.accountId()).orElseThrow();
        Actor actor = Actor.of(exchange);
        Form form = Form.empty();
        Duration wait = throttle.wait(List.of(LoginThrottle.ACCOUNT.key(account.email())), exchange.now());
        if (!wait.isZero()) {
            AuditLog.record(database, exchange.now(), actor, "login.failure", "account:" + account.id(), "throttled");
            form.error("code", "login.error.wait");
            return exchange.render(429, "totp.jte", "form", form, "waitSeconds", Math.max(1, (wait.toMillis() + 999) / 1000));
        }
        OptionalLong step = Totp.verify(account.totpSecret(), exchange.form("code"), exchange.now(), account.totpLastStep());
        if (step.isEmpty() || !accounts.useTotpStep(account.id(), step.getAsLong())) {
            throttle.failAccount(account.email(), exchange.now());
            AuditLog.record(database, exchange.now(), actor, "login.failure", "account:" + account.id(), "wrong code");
            form.error("code", "totp.error.wrong");
            return exchange.render(422, "totp.jte", "form", form);
        }
        throttle.succeed(account.email());
        exchange.startSession(account.id(), Stage.FULL);
        AuditLog.record(database, exchange.now(), actor, "login.success", "account:" + account.id(), "password and code");
        return Result.redirect("/");
    }
}
