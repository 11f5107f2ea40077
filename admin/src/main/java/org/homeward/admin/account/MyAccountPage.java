package org.homeward.admin.account;

import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;

/** The member's own settings: interface language and second factor. */
final class MyAccountPage implements Action {
    @Override
    public Result handle(Exchange exchange) {
        return exchange.render("account.jte", "hasTotp", exchange.session().hasTotp());
    }
}
