package org.homeward.admin.session;

import org.homeward.admin.account.Accounts;
import org.homeward.admin.account.Passwords;
import org.homeward.admin.web.Action;
import org.homeward.db.Database;

/** The login, second-factor and logout actions, for the route table. */
public final class SessionActions {
    private final Database database;
    private final Accounts accounts;
    private final Passwords passwords;
    private final LoginThrottle throttle;

    public SessionActions(Database database, Accounts accounts, Passwords passwords) {
        this.database = database;
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = new LoginThrottle(database);
    }

    /** GET /login. */
    public Action loginPage() {
        return new LoginPage();
    }

    /** POST /login: email and password. */
    public Action login() {
        return new LoginSubmit(database, accounts, passwords, throttle);
    }

    /** GET /login/totp. */
    public Action secondFactorPage() {
        return new SecondFactorPage();
    }

    /** POST /login/totp: the code. */
    public Action secondFactor() {
        return new SecondFactorSubmit(database, accounts, throttle);
    }

    /** POST /logout. */
    public Action logout() {
        return new Logout(database);
    }
}
