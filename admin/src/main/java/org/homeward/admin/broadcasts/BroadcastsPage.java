package org.homeward.admin.broadcasts;

import static org.homeward.db.jooq.Tables.STAFF_ACCOUNT;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;
import org.homeward.admin.web.Role;
import org.homeward.core.broadcasts.Broadcasts;
import org.homeward.core.broadcasts.Broadcasts.Broadcast;
import org.homeward.core.outbox.Outbox;
import org.homeward.db.Database;
import org.jooq.DSLContext;

/** Every broadcast, newest first, {@value #LIMIT} at most: state, author, recipients and progress. */
final class BroadcastsPage implements Action {
    static final int LIMIT = 200;

    private final Database database;

    BroadcastsPage(Database database) {
        this.database = database;
    }

    @Override
    public Result handle(Exchange ex) {
        DSLContext dsl = database.dsl();
        Broadcasts broadcasts = new Broadcasts(dsl, new Outbox());
        Map<Long, String> emails = emails(dsl);
        List<BroadcastLine> lines = broadcasts.list(LIMIT).stream()
                .map(b -> new BroadcastLine(b, emails.getOrDefault(b.authorId(), "#" + b.authorId()),
                        b.messageId() == null ? null : broadcasts.progress(b.id()).orElse(null)))
                .toList();
        return ex.render("broadcasts.jte", "lines", lines, "staff", ex.session().role() == Role.STAFF);
    }

    static Map<Long, String> emails(DSLContext dsl) {
        Map<Long, String> emails = new HashMap<>();
        dsl.select(STAFF_ACCOUNT.ID, STAFF_ACCOUNT.EMAIL).from(STAFF_ACCOUNT).forEach(r -> emails.put(r.value1(), r.value2()));
        return emails;
    }
}
