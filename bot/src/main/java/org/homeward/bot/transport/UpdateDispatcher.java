package org.homeward.bot.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.homeward.core.people.ChatPseudonym;
import org.homeward.core.people.People;
import org.homeward.db.enums.UnreachableReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Stores updates in the inbox, then hands each new one to the handler in its chat's lane. Storing comes first
 * and throws on failure, so the caller acknowledges to Telegram only what is safe on disk.
 */
final class UpdateDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateDispatcher.class);

    private final People people;
    private final Inbox inbox;
    private final DoneMarks done;
    private final ChatLanes lanes;
    private final UpdateHandler handler;
    private final Apology apology;
    private final ObjectMapper json;

    UpdateDispatcher(Inbox inbox, DoneMarks done, ChatLanes lanes, UpdateHandler handler, Apology apology,
            ObjectMapper json, People people) {
        this.people = people;
        this.inbox = inbox;
        this.done = done;
        this.lanes = lanes;
        this.handler = handler;
        this.apology = apology;
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
                inbox.markFailed(e.updateId(), ex.getClass().getName());
            }
        }
        return pending.size();
    }

    private void dispatch(Update u) {
        long chatId = Updates.chatId(u);
        // Updates without a chat need no order among themselves: each gets a lane of its own.
        long lane = chatId != 0 ? chatId : Long.MIN_VALUE + u.getUpdateId();
        lanes.submit(lane, () -> process(u, chatId));
    }

    private void process(Update u, long chatId) {
        long updateId = u.getUpdateId();
        try {
            handler.handle(u);
        } catch (Throwable e) {
            Optional<TelegramApiRequestException> forbidden = forbidden(e);
            if (forbidden.isPresent()) {
                // https://core.telegram.org/bots/api#making-requests: 403 when the person blocked the bot or
                // deleted their account. Nobody to apologise to; the update is done.
                LOG.info("update {}: chat {} cannot be reached (403)", updateId, ChatPseudonym.of(chatId));
                try {
                    // As the delivery engine does: no broadcast is sent to them until they write again.
                    people.markUnreachable(chatId, UnreachableReason.ofForbidden(forbidden.get().getApiResponse()),
                            Instant.now());
                } catch (RuntimeException dbDown) {
                    LOG.warn("update {}: could not mark the chat unreachable ({})", updateId, dbDown.getClass().getSimpleName());
                }
                markDone(updateId);
                return;
            }
            // Only the type and where: exception messages can carry what the person typed.
            StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            LOG.error("update {} of chat {} failed: {} at {}", updateId, ChatPseudonym.of(chatId), e.getClass().getName(), where);
            try {
                inbox.markFailed(updateId, e.getClass().getName());
            } catch (RuntimeException dbDown) {
                LOG.error("update {} could not be marked failed: {}", updateId, dbDown.getClass().getSimpleName());
            }
            apology.send(u);
            return;
        }
        markDone(updateId);
    }

    private void markDone(long updateId) {
        done.add(updateId);
    }

    private static Optional<TelegramApiRequestException> forbidden(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TelegramApiRequestException r && r.getErrorCode() != null && r.getErrorCode() == 403) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private String write(Update u) {
        try {
            return json.writeValueAsString(u);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("update " + u.getUpdateId() + " cannot be written as JSON", e);
        }
    }
}
