package org.homeward.admin.account;

import org.homeward.admin.web.Action;
import org.homeward.db.Database;

/** Staff accounts (admins), invitations, and each member's own settings, for the route table. */
public final class AccountActions {
    private final Database database;
    private final Accounts accounts;
    private final Passwords passwords;
    private final String publicUrl;

    /**
     * @param publicUrl where staff reach Homeward (https://homeward.example.org), for invitation links
     */
    public AccountActions(Database database, Accounts accounts, Passwords passwords, String publicUrl) {
        this.database = database;
        this.accounts = accounts;
        this.passwords = passwords;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    /** GET /accounts: every account and the invitation form. */
    public Action list() {
        return new AccountsPage(accounts);
    }

    /** POST /accounts: invites a new member. */
    public Action invite() {
        return new InviteSubmit(accounts, publicUrl);
    }

    /** POST /accounts/{id}/role. */
    public Action changeRole() {
        return new AccountChange(accounts, AccountChange.Kind.ROLE);
    }

    /** POST /accounts/{id}/disable: the account's sessions end at once. */
    public Action disable() {
        return new AccountChange(accounts, AccountChange.Kind.DISABLE);
    }

    /** POST /accounts/{id}/enable. */
    public Action enable() {
        return new AccountChange(accounts, AccountChange.Kind.ENABLE);
    }

    /** GET /invite/{token}: the form to set a password. */
    public Action invitationPage() {
        return new InvitationPage(accounts);
    }

    /** POST /invite/{token}. */
    public Action acceptInvitation() {
        return new InvitationAccept(accounts, passwords);
    }

    /** GET /account: the member's own settings. */
    public Action mine() {
        return new MyAccountPage(database);
    }

    /** POST /account/language. */
    public Action language() {
        return new LanguageChange(accounts);
    }

    /** GET /account/totp: a new secret to scan. */
    public Action totpPage() {
        return new TotpEnrolPage();
    }

    /** POST /account/totp: the secret and a code that proves it was scanned. */
    public Action enrolTotp() {
        return new TotpEnrolSubmit(accounts, database);
    }

    /** POST /account/telegram: a one-time code to link the member's own Telegram, shown once. */
    public Action telegramCode() {
        return new TelegramLink(database, true);
    }

    /** POST /account/telegram/unlink: forgets the member's linked Telegram. */
    public Action telegramUnlink() {
        return new TelegramLink(database, false);
    }
}
