package org.homeward.admin.session;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.homeward.admin.account.Accounts;
import org.homeward.admin.account.Accounts.Account;
import org.homeward.admin.account.Passwords;
import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.audit.AuditLog.Actor;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;
import org.homeward.admin.web.Role;
import org.homeward.admin.web.Stage;
import org.homeward.db.Database;

/**
 * Checks email and password. Right: a new session, at the second-factor step when the member has one, at the
 * enrolment step for an admin without one, else logged in. Wrong: one answer whatever was wrong (no telling which
 * addresses have accounts), counted against the account and the address.
 */
final class LoginSubmit implements Action {
    private final Database database;
    private final Accounts accounts;
    private final Passwords passwords;
    private final LoginThrottle throttle;

    LoginSubmit(Database database, Accounts accounts, Passwords passwords, LoginThrottle throttle) {
        this.database = database;
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Result handle(Exchange exchange) {
        String email = Accounts.normalEmail(exchange.form("email"));
        String password = exchange.form("password");
        Form form = Form.empty().value("email", exchange.form("email"));
        if (email.isEmpty()) {
            form.error("email", "login.error.email_missing");
        }
        if (password.isEmpty()) {
            form.error("password", "login.error.password_missing");
        }
        if (!form.valid()) {
            return exchange.render(422, "login.jte", "form", form, "notice", "");
        }
        // What the audit trail keeps of a typed address that has no account: only something that looks like one,
        // never, say, a password typed into the wrong field.
        String typed = Accounts.plausibleEmail(email) ? email : "(not an email address)";
        Duration wait = throttle.wait(List.of(LoginThrottle.ACCOUNT.key(email), LoginThrottle.ADDRESS.key(exchange.address())),
                exchange.now());
        if (!wait.isZero()) {
            AuditLog.record(database, exchange.now(), new Actor(null, typed, exchange.address()), "login.failure",
                    null, "throttled");
            form.error("password", "login.error.wait");
            return exchange.render(429, "login.jte", "form", form, "notice", "", "waitSeconds",
                    Math.max(1, (wait.toMillis() + 999) / 1000));
        }
        Optional<Account> found = accounts.byEmail(email);
        String stored = found.map(Account::passwordHash).orElse(null);
        boolean right = passwords.verify(password, stored);
        if (!right || !found.get().active()) {
            throttle.fail(email, exchange.address(), exchange.now());
            String why = found.isEmpty() ? "unknown account" : !right ? "wrong password" : "account disabled";
            AuditLog.record(database, exchange.now(), new Actor(found.map(Account::id).orElse(null), typed,
                    exchange.address()), "login.failure", found.map(a -> "account:" + a.id()).orElse(null), why);
            form.error("password", "login.error.failed");
            return exchange.render(422, "login.jte", "form", form, "notice", "");
        }
        Account account = found.get();
        throttle.succeed(email);
        if (passwords.needsRehash(stored)) {
            accounts.rehash(account.id(), passwords.hash(password), exchange.now());
        }
        Actor actor = new Actor(account.id(), account.email(), exchange.address());
        if (account.totpSecret() != null) {
            exchange.startSession(account.id(), Stage.SECOND_FACTOR);
            return Result.redirect("/login/totp");
        }
        if (account.role() == Role.ADMIN) {
            exchange.startSession(account.id(), Stage.ENROL);
            AuditLog.record(database, exchange.now(), actor, "login.enrol", "account:" + account.id(),
                    "an admin must set up a second factor");
            return Result.redirect("/account/totp");
        }
        exchange.startSession(account.id(), Stage.FULL);
        AuditLog.record(database, exchange.now(), actor, "login.success", "account:" + account.id(), "password");
        return Result.redirect("/");
    }
}
