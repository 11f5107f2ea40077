package org.homeward.admin.account;

import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;

/** A new secret to scan (QR code) or type, and the field for the first code. */
final class TotpEnrolPage implements Action {
    @Override
    public Result handle(Exchange exchange) {
        String secret = Totp.newSecret();
        return TotpEnrolSubmit.page(exchange, 200, secret, Form.empty());
    }
}
