package org.homeward.admin.account;

import java.util.Optional;
import org.homeward.admin.audit.AuditLog.Actor;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;
import org.homeward.admin.web.Role;
import org.homeward.i18n.StaffLanguage;

/**
 * Invites a member: makes the account and shows the one-time link (valid 72 hours) for the admin to pass on; only
 * its hash is kept, so it is shown this once.
 */
final class InviteSubmit implements Action {
    private final Accounts accounts;
    private final String publicUrl;

    InviteSubmit(Accounts accounts, String publicUrl) {
        this.accounts = accounts;
        this.publicUrl = publicUrl;
    }

    @Override
    public Result handle(Exchange exchange) {
        String typed = exchange.form("email");
        String email = Accounts.normalEmail(typed);
        Form form = Form.empty().value("email", typed).value("role", exchange.form("role"))
                .value("language", exchange.form("language"));
        Optional<Role> role = Role.fromCode(exchange.form("role"));
        StaffLanguage language = StaffLanguage.fromCode(exchange.form("language")).orElse(exchange.texts().language());
        if (email.isEmpty()) {
            form.error("email", "accounts.error.email_missing");
        } else if (!Accounts.plausibleEmail(email)) {
            form.error("email", "accounts.error.email_invalid");
        }
        if (role.isEmpty()) {
            form.error("role", "accounts.error.role");
        }
        Optional<String> token = Optional.empty();
        if (form.valid()) {
            token = accounts.invite(Actor.of(exchange), email, role.get(), language, exchange.now());
            if (token.isEmpty()) {
                form.error("email", "accounts.error.email_taken");
            }
        }
        if (!form.valid()) {
            return exchange.render(422, "accounts.jte", "accounts", accounts.all(), "form", form, "inviteLink", "",
                    "me", exchange.accountId());
        }
        String link = publicUrl + "/admin/invite/" + token.get();
        return exchange.render("accounts.jte", "accounts", accounts.all(), "form", Form.empty().value("role", "staff"),
                "inviteLink", link, "me", exchange.accountId());
    }
}
