package org.homeward.admin.broadcasts;

import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;
import org.homeward.core.broadcasts.Broadcasts;
import org.homeward.core.outbox.Outbox;
import org.homeward.db.Database;

/**
 * The composer's live panel (htmx): each language's text as Telegram will show it, its length against Telegram's
 * limit, and how many people the filter reaches now. A POST (the texts may be long) that changes nothing.
 */
final class PreviewFragment implements Action {
    private final Database database;

    PreviewFragment(Database database) {
        this.database = database;
    }

    @Override
    public Result handle(Exchange ex) {
        var parsed = ComposeForm.parse(ex);
        int count = new Broadcasts(database.dsl(), new Outbox()).count(ComposeForm.filterOnly(ex));
        return ex.render("broadcast_live.jte", "form", parsed.typed(), "count", count);
    }
}
