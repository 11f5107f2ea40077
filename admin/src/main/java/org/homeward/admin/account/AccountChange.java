package org.homeward.admin.account;

import java.util.Optional;
import org.homeward.admin.audit.AuditLog.Actor;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;
import org.homeward.admin.web.Role;

/**
 * An admin changes another member's role, or disables or enables their account. Not one's own: an admin cannot
 * lock the last admin out by mistake.
 */
final class AccountChange implements Action {
    enum Kind { ROLE, DISABLE, ENABLE }

    private final Accounts accounts;
    private final Kind kind;

    AccountChange(Accounts accounts, Kind kind) {
        this.accounts = accounts;
        this.kind = kind;
    }

    @Override
    public Result handle(Exchange exchange) {
        long id;
        try {
            id = Long.parseLong(exchange.param("id"));
        } catch (NumberFormatException e) {
            return exchange.render(404, "error.jte", "status", 404, "messageKey", "error.not_found");
        }
        if (accounts.byId(id).isEmpty()) {
            return exchange.render(404, "error.jte", "status", 404, "messageKey", "error.not_found");
        }
        if (id == exchange.accountId()) {
            return exchange.render(409, "error.jte", "status", 409, "messageKey", "accounts.error.self");
        }
        Actor actor = Actor.of(exchange);
        switch (kind) {
            case ROLE -> {
                Optional<Role> role = Role.fromCode(exchange.form("role"));
                if (role.isEmpty()) {
                    return exchange.render(422, "error.jte", "status", 422, "messageKey", "accounts.error.role");
                }
                accounts.changeRole(actor, id, role.get(), exchange.now());
            }
            case DISABLE -> accounts.disable(actor, id, exchange.now());
            case ENABLE -> accounts.enable(actor, id, exchange.now());
        }
        return Result.redirect("/accounts");
    }
}
