package org.homeward.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One chat's messages; every method locks only this chat, so chats proceed in parallel. */
final class Chat {
    /** A message as it stands, mutable under the chat's lock. */
    static final class Entry {
        final int id;
        final boolean fromBot;
        final String kind;
        final long date;
        String text;
        String parseMode;
        JsonNode markup;
        final List<String> history = new ArrayList<>();
        boolean deleted;
        long editDate;
        double latitude;
        double longitude;
        long version;
        ObjectNode json;

        Entry(int id, boolean fromBot, String kind, long date) {
            this.id = id;
            this.fromBot = fromBot;
            this.kind = kind;
            this.date = date;
        }

        BotMessage snapshot(long chatId) {
            return new BotMessage(id, chatId, fromBot, kind, text, parseMode, markup, List.copyOf(history), deleted,
                    Instant.ofEpochSecond(date), editDate == 0 ? null : Instant.ofEpochSecond(editDate), latitude,
                    longitude, version);
        }
    }

    final long id;
    final ObjectNode json;
    final SimulatedUser user;
    volatile boolean blocked;
    volatile boolean deactivated;
    private int lastMessageId;
    private long version;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<Integer, Entry> byId = new HashMap<>();
    private final List<Runnable> listeners = new ArrayList<>();

    Chat(long id, ObjectNode json, SimulatedUser user) {
        this.id = id;
        this.json = json;
        this.user = user;
    }

    synchronized Entry add(boolean fromBot, String kind) {
        Entry e = new Entry(++lastMessageId, fromBot, kind, System.currentTimeMillis() / 1000);
        entries.add(e);
        byId.put(e.id, e);
        return e;
    }

    synchronized Entry get(int messageId) {
        return byId.get(messageId);
    }

    /** Marks a change (call under this chat's lock) and wakes waiters. */
    synchronized void changed(Entry e) {
        e.version = ++version;
        notifyAll();
        if (!listeners.isEmpty()) {
            List<Runnable> fire = List.copyOf(listeners);
            listeners.clear();
            // Listeners only complete futures; running them under the lock keeps order simple.
            fire.forEach(Runnable::run);
        }
    }

    synchronized long version() {
        return version;
    }

    /** Runs {@code r} once at the next change, or now if the chat changed after {@code since}. */
    synchronized void onChangeAfter(long since, Runnable r) {
        if (version > since) r.run();
        else listeners.add(r);
    }

    synchronized List<BotMessage> messages(boolean botOnly, long sinceVersion) {
        List<BotMessage> out = new ArrayList<>();
        for (Entry e : entries) {
            if (botOnly && (!e.fromBot || e.kind.equals("callback_answer"))) continue;
            if (e.version > sinceVersion) out.add(e.snapshot(id));
        }
        return out;
    }

    synchronized int botMessageCount() {
        int n = 0;
        for (Entry e : entries) if (e.fromBot && !e.kind.equals("callback_answer")) n++;
        return n;
    }

    synchronized List<BotMessage> awaitBotMessages(int count, long deadlineNanos) throws InterruptedException {
        while (botMessageCount() < count) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) return null;
            wait(Math.max(1, left / 1_000_000));
        }
        return messages(true, -1);
    }

    /** The reply keyboard the user sees now: the last keyboard or remove_keyboard the bot sent, one-time ones hidden after use. */
    private JsonNode replyKeyboard;

    synchronized void noteMarkup(JsonNode markup) {
        if (markup == null) return;
        if (markup.has("keyboard")) replyKeyboard = markup;
        else if (markup.path("remove_keyboard").asBoolean(false)) replyKeyboard = null;
    }

    synchronized void userSpoke() {
        if (replyKeyboard != null && replyKeyboard.path("one_time_keyboard").asBoolean(false)) replyKeyboard = null;
    }

    synchronized JsonNode replyKeyboard() {
        return replyKeyboard;
    }
}
