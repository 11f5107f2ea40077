package org.homeward.admin.home;

import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;

/** The page after login: for now it says which sections are coming (registrations, duplicates, dashboard…). */
public final class HomePage implements Action {
    @Override
    public Result handle(Exchange exchange) {
        return exchange.render("home.jte");
    }
}
