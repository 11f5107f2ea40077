package org.homeward.bot.transport;

import static org.homeward.db.jooq.Tables.INBOX;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep3;
import org.jooq.JSONB;
import org.homeward.db.enums.InboxStatus;
import org.homeward.db.jooq.tables.records.InboxRecord;

/** The durable inbox of updates: stored before acknowledged, handled once, erased of content after. */
public final class Inbox {
    /** An update as it crosses the inbox: its id, its chat (0 when it has none) and its JSON. */
    record Entry(long updateId, long chatId, String json) {}

    private final DSLContext dsl;

    Inbox(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Stores the entries in one transaction and returns the ids that were new; a redelivered update is not
     * returned, so it is not handled again. Throws when the database fails, and then nothing may be acknowledged.
     */
    Set<Long> store(List<Entry> entries) {
        if (entries.isEmpty()) {
            return Set.of();
        }
        InsertValuesStep3<InboxRecord, Long, Long, JSONB> insert =
                dsl.insertInto(INBOX, INBOX.UPDATE_ID, INBOX.CHAT_ID, INBOX.PAYLOAD);
        for (Entry e : entries) {
            insert = insert.values(e.updateId(), e.chatId() == 0 ? null : e.chatId(), JSONB.valueOf(e.json()));
        }
        return new HashSet<>(insert.onConflictDoNothing().returningResult(INBOX.UPDATE_ID).fetch(INBOX.UPDATE_ID));
    }

    /**
     * The person asked for their data to be erased: unlink their updates from them and erase what a handled or
     * failed one still holds, in the caller's transaction. The update ids stay, to drop Telegram's redeliveries;
     * the update being handled now is erased when it is marked done.
     */
    public static void forget(DSLContext tx, long chatId) {
        tx.update(INBOX).set(INBOX.CHAT_ID, (Long) null).set(INBOX.PAYLOAD, (JSONB) null)
                .where(INBOX.CHAT_ID.eq(chatId)).and(INBOX.STATUS.ne(InboxStatus.PENDING)).execute();
        tx.update(INBOX).set(INBOX.CHAT_ID, (Long) null).where(INBOX.CHAT_ID.eq(chatId)).execute();
    }

    /**
     * Stores an update that cannot be handled as failed, with its reason (no content in it), unless its id is
     * stored already; returns whether it was new.
     */
    boolean storeFailed(Entry entry, String reason) {
        return dsl.insertInto(INBOX)
                .set(INBOX.UPDATE_ID, entry.updateId())
                .set(INBOX.CHAT_ID, entry.chatId() == 0 ? null : entry.chatId())
                .set(INBOX.PAYLOAD, JSONB.valueOf(entry.json()))
                .set(INBOX.STATUS, InboxStatus.FAILED)
                .set(INBOX.ERROR, reason)
                .set(INBOX.HANDLED_AT, Instant.now())
                .onConflictDoNothing()
                .execute() == 1;
    }

    /** Records that handling failed; the content is kept so the update can be looked at and replayed. */
    static void markFailed(DSLContext tx, long updateId, String errorType) {
        tx.update(INBOX)
                .set(INBOX.STATUS, InboxStatus.FAILED)
                .set(INBOX.ERROR, errorType)
                .set(INBOX.HANDLED_AT, Instant.now())
                .where(INBOX.UPDATE_ID.eq(updateId))
                .execute();
    }

    /** Updates stored but not yet handled (a crash came between storing and handling), oldest first. */
    List<Entry> pending() {
        return dsl.select(INBOX.UPDATE_ID, INBOX.CHAT_ID, INBOX.PAYLOAD)
                .from(INBOX)
                .where(INBOX.STATUS.eq(InboxStatus.PENDING))
                .orderBy(INBOX.UPDATE_ID)
                .fetch(r -> new Entry(r.value1(), r.value2() == null ? 0 : r.value2(), r.value3().data()));
    }

    /**
     * Forgets handled and failed updates older than {@code age}. Telegram keeps an unconfirmed update for 24 hours
     * (https://core.telegram.org/bots/api#getting-updates), so a week of ids is ample for deduplication.
     */
    int purge(Duration age) {
        // A failed update keeps its content for a look and a replay, but no longer than a handled one keeps its id:
        // it may hold personal data of someone who never asks for it to be deleted.
        return dsl.deleteFrom(INBOX)
                .where(INBOX.STATUS.in(InboxStatus.DONE, InboxStatus.FAILED))
                .and(INBOX.RECEIVED_AT.lt(Instant.now().minus(age)))
                .execute();
    }
}
