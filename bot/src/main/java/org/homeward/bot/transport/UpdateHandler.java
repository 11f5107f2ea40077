package org.homeward.bot.transport;

import java.util.List;
import org.jooq.DSLContext;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * What the transport hands each stored update to: called one update at a time per chat, in arrival order, many
 * chats in parallel (on virtual threads), inside the transaction that also marks the update done and stores the
 * replies it returns. An update whose handling throws is recorded as failed and the person gets an apology; one
 * that fails because the database is away is handled again when it is back. Never lost, never applied twice.
 */
public interface UpdateHandler {
    /** Handles one update on {@code tx}; returns what to send, in order, once {@code tx} has committed. */
    List<Reply> handle(DSLContext tx, Update update) throws Exception;

    /**
     * What to send instead of answers that waited too long to be useful (Telegram was away): a short "sorry for
     * the delay" and the question the chat is on now, on {@code tx}; empty to send nothing.
     */
    default List<Reply> resume(DSLContext tx, long chatId) {
        return List.of();
    }

    /** A {@link Reply#question} reply was sent as {@code messageId}; outside any transaction, may fail harmlessly. */
    default void questionSent(DSLContext dsl, long chatId, int messageId) {}
}
