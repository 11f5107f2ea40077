package org.homeward.admin.account;

import org.homeward.admin.audit.AuditLog.Actor;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;
import org.homeward.i18n.StaffLanguage;

/** Switches the member's interface language (kept on the account), then back to the page they were on. */
final class LanguageChange implements Action {
    private final Accounts accounts;

    LanguageChange(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Result handle(Exchange exchange) {
        var language = StaffLanguage.fromCode(exchange.form("lang"));
        if (language.isEmpty()) {
            return exchange.render(422, "error.jte", "status", 422, "messageKey", "error.bad_request");
        }
        accounts.setLanguage(Actor.of(exchange), exchange.accountId(), language.get(), exchange.now());
        // Only a path of this app (the page the switch was pressed on): never an open redirect.
        String back = exchange.form("back");
        boolean local = back.startsWith("/admin/") && back.matches("[A-Za-z0-9/_.?=&%-]*");
        return local ? new Result.Redirect(back) : Result.redirect("/");
    }
}
