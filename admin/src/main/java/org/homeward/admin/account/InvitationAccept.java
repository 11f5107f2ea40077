package org.homeward.admin.account;

import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;

/** Sets the password chosen through an invitation link; the link then no longer works. */
final class InvitationAccept implements Action {
    private final Accounts accounts;
    private final Passwords passwords;

    InvitationAccept(Accounts accounts, Passwords passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    @Override
    public Result handle(Exchange exchange) {
        String token = exchange.param("token");
        var account = accounts.invited(token, exchange.now());
        if (account.isEmpty()) {
            return exchange.render(404, "error.jte", "status", 404, "messageKey", "invite.invalid");
        }
        String password = exchange.form("password");
        Form form = Form.empty(); // passwords are never shown again
        String problem = PasswordPolicy.problem(password, account.get().email());
        if (problem != null) {
            form.error("password", problem);
        } else if (!password.equals(exchange.form("repeat"))) {
            form.error("repeat", "password.mismatch");
        }
        if (!form.valid()) {
            return exchange.render(422, "invite.jte", "email", account.get().email(), "token", token, "form", form);
        }
        if (!accounts.acceptInvite(token, passwords.hash(password), exchange.address(), exchange.now())) {
            return exchange.render(404, "error.jte", "status", 404, "messageKey", "invite.invalid");
        }
        return Result.redirect("/login?done=password&lang=" + account.get().language().code());
    }
}
