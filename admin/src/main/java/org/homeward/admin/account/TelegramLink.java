package org.homeward.admin.account;

import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;
import org.homeward.core.staff.StaffLinks;
import org.homeward.db.Database;

/**
 * A member links their own Telegram (for broadcast tests): a one-time code, shown once on the page that made it,
 * to send to the bot within 15 minutes; or unlinks it. Audited without the code.
 */
final class TelegramLink implements Action {
    private final Database database;
    private final boolean newCode;

    TelegramLink(Database database, boolean newCode) {
        this.database = database;
        this.newCode = newCode;
    }

    @Override
    public Result handle(Exchange ex) {
        if (newCode) {
            String code = database.dsl().transactionResult(c -> {
                String made = new StaffLinks(c.dsl()).newCode(ex.accountId(), ex.now());
                AuditLog.append(c.dsl(), ex.now(), AuditLog.Actor.of(ex), "account.telegram_code",
                        "account:" + ex.accountId(), null);
                return made;
            });
            // Shown in this answer only (no redirect): the code is nowhere else in readable form.
            return MyAccountPage.render(ex, database, code, "");
        }
        database.dsl().transaction(c -> {
            if (new StaffLinks(c.dsl()).unlink(ex.accountId())) {
                AuditLog.append(c.dsl(), ex.now(), AuditLog.Actor.of(ex), "account.telegram_unlink",
                        "account:" + ex.accountId(), null);
            }
        });
        return Result.redirect("/account?done=unlinked");
    }
}
