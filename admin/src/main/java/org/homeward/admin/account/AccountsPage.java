package org.homeward.admin.account;

import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;

/** Every account, and the form to invite a member. */
final class AccountsPage implements Action {
    private final Accounts accounts;

    AccountsPage(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Result handle(Exchange exchange) {
        return exchange.render("accounts.jte", "accounts", accounts.all(), "form", Form.empty().value("role", "staff"),
                "inviteLink", "", "me", exchange.accountId());
    }
}
