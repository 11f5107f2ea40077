package org.homeward.admin.account;

import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;

/** The form behind an invitation link: choose a password. A used, expired or unknown link says so. */
final class InvitationPage implements Action {
    private final Accounts accounts;

    InvitationPage(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Result handle(Exchange exchange) {
        var account = accounts.invited(exchange.param("token"), exchange.now());
        if (account.isEmpty()) {
            return exchange.render(404, "error.jte", "status", 404, "messageKey", "invite.invalid");
        }
        exchange.ensureSession();
        return exchange.render("invite.jte", "email", account.get().email(), "token", exchange.param("token"),
                "form", Form.empty());
    }
}
