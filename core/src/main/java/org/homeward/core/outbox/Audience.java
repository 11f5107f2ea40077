package org.homeward.core.outbox;

import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import java.util.Collection;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Who receives a message: a condition over {@code telegram_user} (it may use subqueries on registrations),
 * turned into recipient rows by one {@code insert … select}. People marked unreachable are always left out.
 */
public sealed interface Audience {
    /** The condition on {@code TELEGRAM_USER} selecting the recipients. */
    Condition condition();

    /** Everyone who ever wrote to the bot. */
    static Audience everyone() {
        return new Where(DSL.trueCondition());
    }

    /** The people matching {@code condition} on {@code TELEGRAM_USER}. */
    static Audience where(Condition condition) {
        return new Where(condition);
    }

    /** These chats (those that are known to the bot). */
    static Audience chats(Collection<Long> chatIds) {
        Long[] ids = chatIds.toArray(Long[]::new);
        // One array parameter, however many chats: no statement with thousands of bind values.
        return new Where(TELEGRAM_USER.CHAT_ID.eq(DSL.any(DSL.val(ids))));
    }

    /** One chat. */
    static Audience chat(long chatId) {
        return new Where(TELEGRAM_USER.CHAT_ID.eq(chatId));
    }

    /** An audience given by a condition. */
    record Where(Condition condition) implements Audience {}
}
