package org.homeward.admin.session;

import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;

/** Asks for the code of the authenticator app. */
final class SecondFactorPage implements Action {
    @Override
    public Result handle(Exchange exchange) {
        return exchange.render("totp.jte", "form", Form.empty());
    }
}
