package org.homeward.admin.session;

import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;
import org.homeward.admin.web.Stage;

/** The login form; a logged-in member goes home instead. */
final class LoginPage implements Action {
    @Override
    public Result handle(Exchange exchange) {
        if (exchange.session() != null && exchange.session().stage() == Stage.FULL) {
            return Result.redirect("/");
        }
        exchange.ensureSession();
        String notice = switch (exchange.query("done")) {
            case "password" -> "login.notice.password_set";
            case "logout" -> "login.notice.logged_out";
            default -> "";
        };
        return exchange.render("login.jte", "form", Form.empty(), "notice", notice);
    }
}
