package org.homeward.bot.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.homeward.core.people.ChatPseudonym;
import org.homeward.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Stores updates in the inbox, then hands each new one to the handler in its chat's lane. Storing comes first
 * and throws on failure, so the caller acknowledges to Telegram only what is safe on disk.
 */
final class UpdateDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateDispatcher.class);

    private final Database db;
    private final Inbox inbox;
    private final ChatLanes lanes;
    private final UpdateHandler handler;
    private final Replies replies;
    private final ReplySender sender;
    private final ReplyPolicy policy;
    private final ObjectMapper json;
    private volatile boolean stopping;

    UpdateDispatcher(Database db, Inbox inbox, ChatLanes lanes, UpdateHandler handler, Replies replies,
            ReplySender sender, ReplyPolicy policy, ObjectMapper json) {
        this.db = db;
        this.inbox = inbox;
        this.lanes = lanes;
        this.handler = handler;
        this.replies = replies;
        this.sender = sender;
        this.policy = policy;
        this.json = json;
    }

    /**
     * Stores parsed updates (long polling) and dispatches the new ones; {@code json} has each update's JSON as
     * Telegram sent it, by update id (one missing there is written from the parsed update).
     */
    void accept(List<Update> updates, Map<Integer, String> json, Map<Integer, String> unreadable) {
        List<Inbox.Entry> entries = new ArrayList<>(updates.size());
        List<Inbox.Entry> failed = new ArrayList<>();
        for (Update u : updates) {
            String text = json.get(u.getUpdateId());
            Inbox.Entry entry = new Inbox.Entry(u.getUpdateId(), Updates.chatId(u), text != null ? text : write(u));
            (unreadable.containsKey(u.getUpdateId()) ? failed : entries).add(entry);
        }
        // The unreadable ones first: if storing the rest then fails, the whole batch is offered again, and only
        // the statement that stores the readable ones (all or none) decides what is new and dispatched.
        for (Inbox.Entry e : failed) {
            storeUnreadable(e, unreadable.get((int) e.updateId()));
        }
        Set<Long> fresh = inbox.store(entries);
        for (Update u : updates) {
            if (fresh.contains(u.getUpdateId().longValue())) {
                dispatch(u);
            }
        }
    }

    /** Keeps an update the library cannot read as received, failed with the reason, and passes over it. */
    private void storeUnreadable(Inbox.Entry entry, String reason) {
        if (inbox.storeFailed(entry, "unreadable: " + reason)) {
            Poison.UNREADABLE.increment();
            LOG.warn("update {} cannot be read ({}); kept as received and passed over", entry.updateId(), reason);
        }
    }

    /** Stores one update as received (webhook) and dispatches it if new; throws when the JSON is not an update. */
    void acceptJson(String received) throws JsonProcessingException {
        String body = Poison.withoutNul(received);
        JsonNode tree = json.readTree(body);
        if (tree == null || !tree.path("update_id").canConvertToInt()) {
            throw new IllegalArgumentException("not an update: no update_id");
        }
        Update u;
        try {
            u = json.treeToValue(tree, Update.class);
        } catch (JsonProcessingException e) {
            // JSON with an update id that the library cannot read: kept and passed over, never refused, or
            // Telegram would send it again and again.
            storeUnreadable(new Inbox.Entry(tree.path("update_id").intValue(), 0, tree.toString()),
                    e.getClass().getSimpleName());
            return;
        }
        Set<Long> fresh = inbox.store(List.of(new Inbox.Entry(u.getUpdateId(), Updates.chatId(u), body)));
        if (!fresh.isEmpty()) {
            dispatch(u);
        }
    }

    /** Dispatches what was stored but never handled, before any new update is taken. */
    int recover() {
        List<Inbox.Entry> pending = inbox.pending();
        for (Inbox.Entry e : pending) {
            try {
                dispatch(json.readValue(e.json(), Update.class));
            } catch (JsonProcessingException ex) {
                LOG.warn("stored update {} cannot be read back: {}", e.updateId(), ex.getClass().getSimpleName());
                Inbox.markFailed(db.dsl(), e.updateId(), ex.getClass().getName());
            }
        }
        return pending.size();
    }

    private void dispatch(Update u) {
        long chatId = Updates.chatId(u);
        // Updates without a chat need no order among themselves: each gets a lane of its own.
        long lane = chatId != 0 ? chatId : Long.MIN_VALUE + u.getUpdateId();
        lanes.submit(lane, () -> process(u, chatId, true));
    }

    /**
     * Handles one stored update and sends its replies: the handler's changes, the update's done mark and its
     * replies commit together, so a crash afterwards sends the stored replies and never applies the update again.
     */
    void process(Update u, long chatId, boolean stored) {
        // A hand-made update handled directly may have no id.
        long updateId = u.getUpdateId() == null ? 0 : u.getUpdateId();
        long started = System.nanoTime();
        List<Replies.Row> rows = null;
        for (int attempt = 1; rows == null; attempt++) {
            started = System.nanoTime();
            try {
                rows = db.dsl().transactionResult(cfg -> {
                    List<Reply> out = handler.handle(cfg.dsl(), u);
                    // Marking the update done also locks its row: if a commit whose answer was lost (the database
                    // went away at that moment) did go through, the update is done already, and what the handler
                    // just did again is rolled back rather than applied twice.
                    Replies.Finished finished = replies.finish(cfg.dsl(), updateId, stored, chatId, out, policy.lease());
                    if (!finished.marked()) {
                        throw new AlreadyHandled();
                    }
                    return finished.rows();
                });
            } catch (AlreadyHandled e) {
                return;
            } catch (Throwable e) {
                if (Faults.databaseAway(e)) {
                    // Not the update's fault: it stays pending and is handled when the database is back, in order,
                    // since this chat's later updates wait behind it (or at the next start, if stopping now).
                    if (stopping || !pause(attempt)) {
                        return;
                    }
                    if (attempt == 1) {
                        // Once per update: an outage of a busy bot would otherwise log a line per update per try.
                        LOG.warn("update {}: database away ({}); trying again", updateId, e.getClass().getSimpleName());
                    }
                    continue;
                }
                // Only the type and where: exception messages can carry what the person typed.
                StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
                LOG.error("update {} of chat {} failed: {} at {}", updateId, ChatPseudonym.of(chatId), e.getClass().getName(), where);
                rows = failed(u, chatId, e);
                if (rows == null) {
                    return;
                }
            }
        }
        sender.hold(rows, started);
        sender.send(chatId, rows);
    }

    /** Rolls back the handling of an update that another run has handled already. */
    private static final class AlreadyHandled extends RuntimeException {
        AlreadyHandled() {
            super(null, null, false, false);
        }
    }

    /** Marks the update failed and stores the apology, in one transaction; null when stopping with the database away. */
    private List<Replies.Row> failed(Update u, long chatId, Throwable cause) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.dsl().transactionResult(cfg -> {
                    Inbox.markFailed(cfg.dsl(), u.getUpdateId(), cause.getClass().getName());
                    return replies.store(cfg.dsl(), chatId, Apology.replies(cfg.dsl(), u), policy.lease());
                });
            } catch (RuntimeException e) {
                if (!Faults.databaseAway(e)) {
                    LOG.error("update {} could not be marked failed: {}", u.getUpdateId(), e.getClass().getName());
                    return null;
                }
                if (stopping || !pause(attempt)) {
                    return null;
                }
            }
        }
    }

    /** Waits before the next try while the database is away: growing, at most the policy's longest back-off. */
    private boolean pause(int attempt) {
        long first = policy.firstBackoff().toMillis();
        long wait = Math.min(policy.maxBackoff().toMillis(), first << Math.min(20, attempt - 1));
        wait += java.util.concurrent.ThreadLocalRandom.current().nextLong(wait / 4 + 1);
        try {
            Thread.sleep(wait);
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** No update is started after this; one waiting for the database stays pending for the next start. */
    void stop() {
        stopping = true;
        sender.stop();
    }

    private String write(Update u) {
        try {
            return json.writeValueAsString(u);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("update " + u.getUpdateId() + " cannot be written as JSON", e);
        }
    }
}
