package org.homeward.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.StringRequestContent;

/**
 * One bot on the fake Bot API: its pending updates (long poll or webhook), chats, simulated users, limits, faults
 * and a record of every call. Thread-safe; updates lock the bot's queue, messages lock only their chat.
 */
public final class FakeBot {
    /** Update types delivered when allowed_updates is empty, as Telegram does (chat_member etc. need opting in). */
    private static final Set<String> DEFAULT_TYPES = Set.of("message", "edited_message", "channel_post",
            "edited_channel_post", "callback_query", "inline_query", "chosen_inline_result", "shipping_query",
            "pre_checkout_query", "poll", "poll_answer", "my_chat_member", "chat_join_request");
    private static final long GROUP_CHAT_ID = -1001000000001L;

    /** A queued update; its JSON tree is never changed after queueing. */
    private record Pending(int updateId, String type, JsonNode json) {}

    private record Waiter(CompletableFuture<JsonNode> future, int limit, ScheduledFuture<?>[] timer) {}

    private final FakeTelegram telegram;
    private final String token;
    private final long id;
    private final String username;
    private final ObjectNode me;
    private final Limits limits = new Limits();
    private final Faults faults = new Faults();
    private final ConcurrentLinkedQueue<ApiCall> calls = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<Long, Chat> chats = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, SimulatedUser> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ObjectNode> callbackQueries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, AtomicInteger> sendsPerSecond = new ConcurrentHashMap<>();
    private final AtomicLong tooManyRequests = new AtomicLong();
    private final AtomicLong nextUserId = new AtomicLong(100_000_000L);
    private final AtomicLong nextCallbackId = new AtomicLong(4_000_000_000_000_000L);

    // Guarded by "queue".
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int lastUpdateId = 100_000_000;
    private Set<String> allowedUpdates = DEFAULT_TYPES;
    private Waiter waiter;
    private String webhookUrl = "";
    private String webhookSecret;
    private String lastWebhookError;
    private long lastWebhookErrorDate;
    private int webhookDelivered;
    private Thread webhookThread;
    private volatile boolean closed;
    private volatile Duration webhookBackoff = Duration.ofMillis(100);
    private volatile Duration webhookMaxBackoff = Duration.ofSeconds(5);

    FakeBot(FakeTelegram telegram, String token) {
        this.telegram = telegram;
        this.token = token;
        int colon = token.indexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("a bot token looks like 123456:ABC…");
        this.id = Long.parseLong(token.substring(0, colon));
        this.username = "homeward_" + id + "_bot";
        this.me = Json.object();
        me.put("id", id).put("is_bot", true).put("first_name", "Homeward").put("username", username)
                .put("can_join_groups", true).put("can_read_all_group_messages", false)
                .put("supports_inline_queries", false).put("can_connect_to_business", false)
                .put("has_main_web_app", false);
    }

    /** The bot's token. */
    public String token() {
        return token;
    }

    /** The bot's user id: the digits before ':' in the token. */
    public long id() {
        return id;
    }

    /** The bot's username, as getMe answers. */
    public String username() {
        return username;
    }

    /** Send limits (off by default). */
    public Limits limits() {
        return limits;
    }

    /** Injected faults. */
    public Faults faults() {
        return faults;
    }

    /** A new simulated user with their private chat (chat id == user id); languageCode may be null. */
    public SimulatedUser newUser(String firstName, String languageCode) {
        long userId = nextUserId.incrementAndGet();
        SimulatedUser u = new SimulatedUser(this, userId, firstName, languageCode);
        ObjectNode chat = Json.object().put("id", userId).put("first_name", firstName).put("type", "private");
        chats.put(userId, new Chat(userId, chat, u));
        users.put(userId, u);
        return u;
    }

    /** The simulated user with this id. */
    public SimulatedUser user(long userId) {
        SimulatedUser u = users.get(userId);
        if (u == null) throw new IllegalArgumentException("no simulated user " + userId);
        return u;
    }

    /** All simulated users, oldest first. */
    public List<SimulatedUser> users() {
        return users.values().stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    /** Everything the bot sent to a chat, in order, as it stands now (edited, deleted flagged). */
    public List<BotMessage> messagesTo(long chatId) {
        return chat(chatId).messages(true, -1);
    }

    /** The whole chat (the user's messages too, and callback answers), changes after {@code sinceVersion}. */
    public List<BotMessage> transcript(long chatId, long sinceVersion) {
        return chat(chatId).messages(false, sinceVersion);
    }

    /** Every API call so far, in arrival order. */
    public List<ApiCall> calls() {
        return List.copyOf(calls);
    }

    /** The calls of one method (canonical name, e.g. {@code sendMessage}). */
    public List<ApiCall> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Forgets the recorded calls and the sends counted per second. */
    public void clearCalls() {
        calls.clear();
        sendsPerSecond.clear();
    }

    /** Accepted sends per Unix second. */
    public SortedMap<Long, Integer> sendsPerSecond() {
        TreeMap<Long, Integer> out = new TreeMap<>();
        sendsPerSecond.forEach((s, n) -> out.put(s, n.get()));
        return out;
    }

    /** The most sends accepted in any one second. */
    public int maxSendsInOneSecond() {
        return sendsPerSecond.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
    }

    /** The chat whose button press made callback query {@code queryId}, if the fake made it. */
    public java.util.OptionalLong callbackQueryChat(String queryId) {
        ObjectNode state = queryId == null ? null : callbackQueries.get(queryId);
        return state == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(state.path("chat_id").asLong());
    }

    /** How many 429 answers this bot got (limits and scripted). */
    public long tooManyRequestsAnswered() {
        return tooManyRequests.get();
    }

    /** Ids of callback queries the bot has not answered yet. */
    public Set<String> unansweredCallbackQueries() {
        Set<String> out = new HashSet<>();
        callbackQueries.forEach((k, v) -> {
            if (!v.has("answered")) out.add(k);
        });
        return out;
    }

    /** The webhook state. */
    public WebhookInfo webhookInfo() {
        synchronized (queue) {
            return new WebhookInfo(webhookUrl, webhookSecret, queue.size(), lastWebhookError, lastWebhookErrorDate,
                    webhookDelivered);
        }
    }

    /** Updates waiting for getUpdates or the webhook. */
    public int pendingUpdateCount() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /**
     * True while a getUpdates long poll is held open here, waiting for an update or its timeout: lets a test know
     * the client is polling before it sends something, instead of sleeping for a guessed time.
     */
    public boolean longPollWaiting() {
        synchronized (queue) {
            return waiter != null;
        }
    }

    /** How long webhook delivery waits after a failure, doubling up to {@code max} (default 100 ms to 5 s). */
    public void webhookRetryBackoff(Duration initial, Duration max) {
        this.webhookBackoff = initial;
        this.webhookMaxBackoff = max;
    }

    /**
     * Queues an update exactly as given (its {@code update_id} is kept, so tests can deliver one update twice);
     * returns its update_id.
     */
    public int enqueueRaw(String updateJson) {
        JsonNode u = Json.read(updateJson);
        String type = null;
        for (Iterator<String> it = u.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("update_id")) type = f;
        }
        int updateId = u.path("update_id").asInt();
        offer(new Pending(updateId, type, u));
        return updateId;
    }

    // ---- simulated users' side ------------------------------------------------------------------------------

    Chat chat(long chatId) {
        Chat c = chats.get(chatId);
        if (c == null) throw new IllegalArgumentException("no chat " + chatId);
        return c;
    }

    Chat groupChat() {
        return chats.computeIfAbsent(GROUP_CHAT_ID, cid -> new Chat(cid,
                Json.object().put("id", cid).put("title", "Homeward test group").put("type", "supergroup"), null));
    }

    /** Records a user's message in the chat and queues it as an update of {@code type}; returns the update_id. */
    int userMessage(SimulatedUser from, Chat chat, String kind, java.util.function.Consumer<ObjectNode> fill) {
        ObjectNode msg;
        synchronized (chat) {
            Chat.Entry e = chat.add(false, kind);
            msg = Json.object();
            msg.put("message_id", e.id).set("from", from.json());
            msg.set("chat", chat.json);
            msg.put("date", e.date);
            fill.accept(msg);
            e.text = msg.path("text").isMissingNode() ? null : msg.get("text").asText();
            if (kind.equals("location")) {
                e.latitude = msg.path("location").path("latitude").asDouble();
                e.longitude = msg.path("location").path("longitude").asDouble();
            }
            if (kind.equals("contact")) e.text = msg.path("contact").path("phone_number").asText();
            e.json = msg;
            chat.userSpoke();
            chat.changed(e);
        }
        return update("message", msg);
    }

    int userEdit(SimulatedUser from, Chat chat, int messageId, String newText) {
        ObjectNode msg;
        synchronized (chat) {
            Chat.Entry e = chat.get(messageId);
            if (e == null || e.fromBot || !"text".equals(e.kind)) {
                throw new IllegalArgumentException("no user text message " + messageId);
            }
            e.history.add(e.text);
            e.text = newText;
            e.editDate = Math.max(e.date, System.currentTimeMillis() / 1000);
            msg = e.json.deepCopy();
            msg.put("text", newText).put("edit_date", e.editDate);
            msg.remove("entities");
            e.json = msg;
            chat.changed(e);
        }
        return update("edited_message", msg);
    }

    int press(SimulatedUser from, Chat chat, int messageId, String data) {
        ObjectNode message;
        synchronized (chat) {
            Chat.Entry e = chat.get(messageId);
            if (e == null || !e.fromBot || e.deleted) throw new IllegalArgumentException("no bot message " + messageId);
            message = e.json.deepCopy();
        }
        String queryId = Long.toString(nextCallbackId.incrementAndGet());
        ObjectNode q = Json.object().put("id", queryId);
        q.set("from", from.json());
        q.set("message", message);
        q.put("chat_instance", Long.toString(chat.id * 31 + id)).put("data", data);
        ObjectNode state = Json.object().put("chat_id", chat.id);
        callbackQueries.put(queryId, state);
        return update("callback_query", q);
    }

    /**
     * The user changed the bot's membership of their private chat, as Telegram reports it when they block
     * ("kicked") or unblock ("member") the bot (https://core.telegram.org/bots/api#chatmemberupdated).
     */
    int membership(SimulatedUser from, Chat chat, String oldStatus, String newStatus) {
        ObjectNode change = Json.object();
        change.set("chat", chat.json);
        change.set("from", from.json());
        change.put("date", java.time.Instant.now().getEpochSecond());
        ObjectNode bot = Json.object().put("id", id).put("is_bot", true).put("first_name", "Homeward")
                .put("username", username);
        change.set("old_chat_member", Json.object().put("status", oldStatus).set("user", bot.deepCopy()));
        ObjectNode now = Json.object().put("status", newStatus);
        if (newStatus.equals("kicked")) {
            now.put("until_date", 0);
        }
        now.set("user", bot);
        change.set("new_chat_member", now);
        return update("my_chat_member", change);
    }

    private int update(String type, ObjectNode payload) {
        ObjectNode u = Json.object().put("update_id", 0); // keeps update_id first, as Telegram sends it
        u.set(type, payload);
        Runnable wake;
        int updateId;
        synchronized (queue) {
            updateId = ++lastUpdateId;
            u.put("update_id", updateId);
            wake = offerLocked(new Pending(updateId, type, u));
        }
        if (wake != null) wake.run();
        return updateId;
    }

    private void offer(Pending p) {
        Runnable wake;
        synchronized (queue) {
            wake = offerLocked(p);
        }
        if (wake != null) wake.run();
    }

    /** Queues {@code p}; returns what answers a waiting long poll, to run after the lock is released. */
    private Runnable offerLocked(Pending p) {
        queue.addLast(p);
        queue.notifyAll(); // the webhook sender
        Waiter w = waiter;
        if (w == null) return null;
        JsonNode result = collect(w.limit);
        if (result.isEmpty()) return null;
        waiter = null;
        w.timer[0].cancel(false);
        return () -> w.future.complete(result);
    }

    // ---- Bot API methods ------------------------------------------------------------------------------------

    ObjectNode me() {
        return me;
    }

    void record(ApiCall call) {
        calls.add(call);
    }

    void countSend() {
        sendsPerSecond.computeIfAbsent(System.currentTimeMillis() / 1000, s -> new AtomicInteger()).incrementAndGet();
    }

    void countTooMany() {
        tooManyRequests.incrementAndGet();
    }

    /** getUpdates: a real long poll; completes now or when an update arrives or the timeout passes. */
    CompletableFuture<JsonNode> getUpdates(JsonNode p) {
        Long offset = Json.longParam(p, "offset");
        Long limitParam = Json.longParam(p, "limit");
        int limit = limitParam == null ? 100 : (int) Math.max(1, Math.min(100, limitParam));
        Long timeoutParam = Json.longParam(p, "timeout");
        long timeout = timeoutParam == null ? 0 : Math.max(0, timeoutParam);
        JsonNode allowed = Json.jsonParam(p, "allowed_updates");
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        Waiter previous = null;
        synchronized (queue) {
            if (!webhookUrl.isEmpty()) {
                throw new ApiException(409,
                        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
                        null);
            }
            if (allowed != null && allowed.isArray()) {
                Set<String> types = new HashSet<>();
                allowed.forEach(t -> types.add(t.asText()));
                allowedUpdates = types.isEmpty() ? DEFAULT_TYPES : types;
            }
            if (offset != null) confirm(offset);
            JsonNode result = collect(limit);
            if (!result.isEmpty() || timeout == 0) return CompletableFuture.completedFuture(result);
            previous = waiter;
            ScheduledFuture<?>[] timer = new ScheduledFuture<?>[1];
            Waiter w = new Waiter(future, limit, timer);
            waiter = w;
            timer[0] = telegram.scheduler().schedule(() -> {
                synchronized (queue) {
                    if (waiter != w) return;
                    waiter = null;
                }
                w.future.complete(Json.MAPPER.createArrayNode());
            }, timeout, TimeUnit.SECONDS);
        }
        if (previous != null) {
            previous.timer[0].cancel(false);
            previous.future.completeExceptionally(new ApiException(409,
                    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
                    null));
        }
        return future;
    }

    /** Forgets updates before {@code offset}; a negative offset keeps only the last -offset updates. */
    private void confirm(long offset) {
        if (offset < 0) {
            while (queue.size() > -offset) queue.pollFirst();
        } else {
            while (!queue.isEmpty() && queue.peekFirst().updateId < offset) queue.pollFirst();
        }
    }

    private ArrayNode collect(int limit) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Iterator<Pending> it = queue.iterator(); it.hasNext() && out.size() < limit; ) {
            Pending p = it.next();
            if (p.type != null && !allowedUpdates.contains(p.type)) {
                it.remove(); // Telegram never creates updates of types the bot did not ask for
                continue;
            }
            out.add(p.json);
        }
        return out;
    }

    JsonNode setWebhook(JsonNode p) {
        String url = Json.textParam(p, "url");
        if (url == null || url.isBlank()) return deleteWebhook(p);
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw ApiException.badRequest("bad webhook: An HTTPS URL must be provided for webhook");
        }
        String secret = Json.textParam(p, "secret_token");
        if (secret != null && !secret.matches("[A-Za-z0-9_-]{1,256}")) {
            throw ApiException.badRequest("secret token contains unallowed characters");
        }
        JsonNode allowed = Json.jsonParam(p, "allowed_updates");
        synchronized (queue) {
            if (Json.boolParam(p, "drop_pending_updates")) queue.clear();
            if (allowed != null && allowed.isArray()) {
                Set<String> types = new HashSet<>();
                allowed.forEach(t -> types.add(t.asText()));
                allowedUpdates = types.isEmpty() ? DEFAULT_TYPES : types;
            }
            boolean same = url.equals(webhookUrl) && java.util.Objects.equals(secret, webhookSecret);
            webhookUrl = url;
            webhookSecret = secret;
            lastWebhookError = null;
            lastWebhookErrorDate = 0;
            Waiter w = waiter;
            waiter = null;
            if (w != null) {
                w.timer[0].cancel(false);
                w.future.complete(Json.MAPPER.createArrayNode());
            }
            if (webhookThread == null) {
                webhookThread = Thread.ofVirtual().name("fake-webhook-" + id).start(this::deliverWebhooks);
            }
            queue.notifyAll();
            return booleanWithDescription(same ? "Webhook is already set" : "Webhook was set");
        }
    }

    JsonNode deleteWebhook(JsonNode p) {
        synchronized (queue) {
            if (Json.boolParam(p, "drop_pending_updates")) queue.clear();
            boolean was = !webhookUrl.isEmpty();
            webhookUrl = "";
            webhookSecret = null;
            queue.notifyAll();
            return booleanWithDescription(was ? "Webhook was deleted" : "Webhook is already deleted");
        }
    }

    /** Marker the handler turns into {@code "result":true,"description":…}. */
    static ObjectNode booleanWithDescription(String description) {
        return Json.object().put("__result", true).put("__description", description);
    }

    JsonNode getWebhookInfo() {
        synchronized (queue) {
            ObjectNode r = Json.object().put("url", webhookUrl).put("has_custom_certificate", false)
                    .put("pending_update_count", queue.size());
            if (lastWebhookError != null) {
                r.put("last_error_date", lastWebhookErrorDate).put("last_error_message", lastWebhookError);
            }
            if (!webhookUrl.isEmpty()) {
                r.put("max_connections", 40);
                ArrayNode a = r.putArray("allowed_updates");
                allowedUpdates.stream().sorted().forEach(a::add);
            }
            return r;
        }
    }

    /** Posts updates to the webhook one at a time, in order, retrying with back-off, as Telegram does. */
    private void deliverWebhooks() {
        long backoff = 0;
        while (!closed) {
            Pending next;
            String url;
            String secret;
            synchronized (queue) {
                while (!closed && (webhookUrl.isEmpty() || queue.isEmpty())) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) return;
                next = queue.peekFirst();
                url = webhookUrl;
                secret = webhookSecret;
            }
            String error = null;
            try {
                var request = telegram.httpClient().POST(url)
                        .body(new StringRequestContent("application/json", Json.write(next.json), StandardCharsets.UTF_8))
                        .timeout(10, TimeUnit.SECONDS);
                if (secret != null) request.headers(h -> h.put("X-Telegram-Bot-Api-Secret-Token", secret));
                ContentResponse r = request.send();
                if (r.getStatus() / 100 != 2) error = "Wrong response from the webhook: " + r.getStatus() + " " + r.getReason();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                error = "Connection refused";
            }
            synchronized (queue) {
                if (error == null) {
                    if (queue.peekFirst() == next) queue.pollFirst();
                    webhookDelivered++;
                    backoff = 0;
                    continue;
                }
                lastWebhookError = error;
                lastWebhookErrorDate = System.currentTimeMillis() / 1000;
                backoff = backoff == 0 ? webhookBackoff.toMillis()
                        : Math.min(backoff * 2, webhookMaxBackoff.toMillis());
                try {
                    queue.wait(backoff); // setWebhook/deleteWebhook/new updates wake us early; harmless
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    void close() {
        closed = true;
        synchronized (queue) {
            queue.notifyAll();
            Waiter w = waiter;
            waiter = null;
            if (w != null) {
                w.timer[0].cancel(false);
                w.future.complete(Json.MAPPER.createArrayNode());
            }
        }
    }

    /** The chat a send targets; 400 chat not found, 403 blocked / deactivated as Telegram answers. */
    private Chat target(JsonNode p) {
        JsonNode raw = p.get("chat_id");
        if (raw == null || raw.isNull() || raw.asText().isEmpty()) throw ApiException.badRequest("chat_id is empty");
        Long chatId;
        try {
            chatId = raw.isNumber() ? raw.asLong() : Long.parseLong(raw.asText().trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("chat not found");
        }
        Chat chat = chats.get(chatId);
        if (chat == null) throw ApiException.badRequest("chat not found");
        if (chat.deactivated) throw new ApiException(403, "Forbidden: user is deactivated", null);
        if (chat.blocked) throw new ApiException(403, "Forbidden: bot was blocked by the user", null);
        return chat;
    }

    /** Checks the chat before the send limit is counted (Telegram rejects unknown chats without counting them). */
    long targetChatId(JsonNode p) {
        return target(p).id;
    }

    JsonNode sendMessage(JsonNode p) {
        Chat chat = target(p);
        String text = Json.textParam(p, "text");
        String parseMode = Json.textParam(p, "parse_mode");
        checkText(text, parseMode);
        JsonNode markup = markup(p);
        synchronized (chat) {
            Chat.Entry e = chat.add(true, "text");
            e.text = text;
            e.parseMode = parseMode;
            e.markup = markup;
            ObjectNode msg = botMessageJson(chat, e);
            msg.put("text", TextRules.visible(text, parseMode));
            if (parseMode == null && p.has("entities")) msg.set("entities", Json.jsonParam(p, "entities"));
            if (markup != null && markup.has("inline_keyboard")) msg.set("reply_markup", markup);
            e.json = msg;
            chat.noteMarkup(markup);
            chat.changed(e);
            return msg;
        }
    }

    JsonNode sendLocation(JsonNode p) {
        Chat chat = target(p);
        double lat = number(p, "latitude");
        double lon = number(p, "longitude");
        if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw ApiException.badRequest("wrong location specified");
        JsonNode markup = markup(p);
        synchronized (chat) {
            Chat.Entry e = chat.add(true, "location");
            e.latitude = lat;
            e.longitude = lon;
            e.markup = markup;
            ObjectNode msg = botMessageJson(chat, e);
            msg.putObject("location").put("latitude", lat).put("longitude", lon);
            if (markup != null && markup.has("inline_keyboard")) msg.set("reply_markup", markup);
            e.json = msg;
            chat.noteMarkup(markup);
            chat.changed(e);
            return msg;
        }
    }

    /**
     * A venue (https://core.telegram.org/bots/api#sendvenue): a location with a title and an address, both required.
     * Kept as a message of kind "venue" whose text is the title; the address is in the call's parameters.
     */
    JsonNode sendVenue(JsonNode p) {
        Chat chat = target(p);
        double lat = number(p, "latitude");
        double lon = number(p, "longitude");
        if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw ApiException.badRequest("wrong location specified");
        String title = p.path("title").asText("");
        String address = p.path("address").asText("");
        if (title.isBlank()) throw ApiException.badRequest("title is empty");
        if (address.isBlank()) throw ApiException.badRequest("address is empty");
        JsonNode markup = markup(p);
        synchronized (chat) {
            Chat.Entry e = chat.add(true, "venue");
            e.latitude = lat;
            e.longitude = lon;
            e.text = title;
            e.markup = markup;
            ObjectNode msg = botMessageJson(chat, e);
            msg.putObject("location").put("latitude", lat).put("longitude", lon);
            ObjectNode venue = msg.putObject("venue");
            venue.putObject("location").put("latitude", lat).put("longitude", lon);
            venue.put("title", title).put("address", address);
            if (markup != null && markup.has("inline_keyboard")) msg.set("reply_markup", markup);
            e.json = msg;
            chat.noteMarkup(markup);
            chat.changed(e);
            return msg;
        }
    }

    private static double number(JsonNode p, String name) {
        JsonNode n = p.get(name);
        if (n == null || n.isNull()) throw ApiException.badRequest(name + " is empty");
        try {
            return n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("wrong location specified");
        }
    }

    private ObjectNode botMessageJson(Chat chat, Chat.Entry e) {
        ObjectNode msg = Json.object();
        msg.put("message_id", e.id);
        msg.set("from", Json.object().put("id", id).put("is_bot", true).put("first_name", "Homeward")
                .put("username", username));
        msg.set("chat", chat.json);
        msg.put("date", e.date);
        return msg;
    }

    JsonNode editMessageText(JsonNode p) {
        if (p.hasNonNull("inline_message_id")) throw ApiException.badRequest("MESSAGE_ID_INVALID");
        Chat chat = target(p);
        Long messageId = Json.longParam(p, "message_id");
        if (messageId == null) throw ApiException.badRequest("message identifier is not specified");
        String text = Json.textParam(p, "text");
        String parseMode = Json.textParam(p, "parse_mode");
        checkText(text, parseMode);
        JsonNode markup = markup(p);
        synchronized (chat) {
            Chat.Entry e = chat.get(messageId.intValue());
            if (e == null || e.deleted) throw ApiException.badRequest("message to edit not found");
            if (!e.fromBot) throw ApiException.badRequest("message can't be edited");
            if (!"text".equals(e.kind)) throw ApiException.badRequest("there is no text in the message to edit");
            String visible = TextRules.visible(text, parseMode);
            JsonNode inline = markup != null && markup.has("inline_keyboard") ? markup : null;
            if (visible.equals(e.json.path("text").asText()) && java.util.Objects.equals(inline, e.json.get("reply_markup"))
                    && java.util.Objects.equals(parseMode, e.parseMode)) {
                throw notModified();
            }
            e.history.add(e.text);
            e.text = text;
            e.parseMode = parseMode;
            e.markup = inline;
            e.editDate = System.currentTimeMillis() / 1000;
            ObjectNode msg = e.json.deepCopy();
            msg.put("text", visible).put("edit_date", e.editDate);
            if (inline != null) msg.set("reply_markup", inline);
            else msg.remove("reply_markup");
            e.json = msg;
            chat.changed(e);
            return msg;
        }
    }

    JsonNode editMessageReplyMarkup(JsonNode p) {
        if (p.hasNonNull("inline_message_id")) throw ApiException.badRequest("MESSAGE_ID_INVALID");
        Chat chat = target(p);
        Long messageId = Json.longParam(p, "message_id");
        if (messageId == null) throw ApiException.badRequest("message identifier is not specified");
        JsonNode markup = markup(p);
        if (markup != null && !markup.has("inline_keyboard")) throw ApiException.badRequest("inline keyboard expected");
        synchronized (chat) {
            Chat.Entry e = chat.get(messageId.intValue());
            if (e == null || e.deleted) throw ApiException.badRequest("message to edit not found");
            if (!e.fromBot) throw ApiException.badRequest("message can't be edited");
            JsonNode current = e.json.get("reply_markup");
            boolean emptyNew = markup == null || markup.path("inline_keyboard").isEmpty();
            if ((current == null && emptyNew) || (current != null && current.equals(markup))) throw notModified();
            e.markup = emptyNew ? null : markup;
            e.editDate = System.currentTimeMillis() / 1000;
            ObjectNode msg = e.json.deepCopy();
            if (emptyNew) msg.remove("reply_markup");
            else msg.set("reply_markup", markup);
            msg.put("edit_date", e.editDate);
            e.json = msg;
            chat.changed(e);
            return msg;
        }
    }

    private static ApiException notModified() {
        return ApiException.badRequest("message is not modified: specified new message content and reply markup are "
                + "exactly the same as a current content and reply markup of the message");
    }

    JsonNode deleteMessage(JsonNode p) {
        Chat chat = target(p);
        Long messageId = Json.longParam(p, "message_id");
        if (messageId == null) throw ApiException.badRequest("message identifier is not specified");
        synchronized (chat) {
            Chat.Entry e = chat.get(messageId.intValue());
            if (e == null || e.deleted || e.kind.equals("callback_answer")) {
                throw ApiException.badRequest("message to delete not found");
            }
            e.deleted = true;
            chat.changed(e);
        }
        return Json.MAPPER.getNodeFactory().booleanNode(true);
    }

    JsonNode answerCallbackQuery(JsonNode p) {
        String queryId = Json.textParam(p, "callback_query_id");
        ObjectNode state = queryId == null ? null : callbackQueries.get(queryId);
        if (state == null || state.has("answered")) {
            throw ApiException.badRequest("query is too old and response timeout expired or query ID is invalid");
        }
        String text = Json.textParam(p, "text");
        if (text != null && text.length() > 200) throw ApiException.badRequest("MESSAGE_TOO_LONG");
        state.put("answered", true);
        if (text != null && !text.isEmpty()) {
            Chat chat = chats.get(state.path("chat_id").asLong());
            if (chat != null) {
                synchronized (chat) {
                    Chat.Entry e = chat.add(true, "callback_answer");
                    e.text = text;
                    chat.changed(e);
                }
            }
        }
        return Json.MAPPER.getNodeFactory().booleanNode(true);
    }

    JsonNode sendChatAction(JsonNode p) {
        target(p);
        String action = Json.textParam(p, "action");
        if (action == null || !Set.of("typing", "upload_photo", "record_video", "upload_video", "record_voice",
                "upload_voice", "upload_document", "choose_sticker", "find_location", "record_video_note",
                "upload_video_note").contains(action)) {
            throw ApiException.badRequest("wrong parameter action in request");
        }
        return Json.MAPPER.getNodeFactory().booleanNode(true);
    }

    private final Map<String, JsonNode> settings = new ConcurrentHashMap<>();

    /** setMyCommands, setChatMenuButton: accepted and kept (see {@link #calls()}). */
    JsonNode remember(String method, JsonNode p) {
        settings.put(method, p);
        return Json.MAPPER.getNodeFactory().booleanNode(true);
    }

    JsonNode getMyCommands() {
        JsonNode p = settings.get("setMyCommands");
        JsonNode cmds = p == null ? null : Json.jsonParam(p, "commands");
        return cmds == null ? Json.MAPPER.createArrayNode() : cmds;
    }

    private static void checkText(String text, String parseMode) {
        if (text == null) throw ApiException.badRequest("message text is empty");
        String visible = TextRules.visible(text, parseMode);
        if (visible.strip().isEmpty()) throw ApiException.badRequest("message text is empty");
        // Telegram counts UTF-16 code units after entity parsing, like String.length().
        if (visible.length() > 4096) throw ApiException.badRequest("message is too long");
    }

    private static JsonNode markup(JsonNode p) {
        JsonNode m;
        try {
            m = Json.jsonParam(p, "reply_markup");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("can't parse reply keyboard markup JSON object");
        }
        if (m == null) return null;
        if (!m.isObject()) {
            throw ApiException.badRequest("can't parse reply keyboard markup JSON object");
        }
        if (m.has("inline_keyboard")) {
            for (JsonNode row : m.get("inline_keyboard")) {
                for (JsonNode b : row) {
                    if (b.path("text").asText("").isEmpty()) throw ApiException.badRequest("BUTTON_TEXT_EMPTY");
                    JsonNode data = b.get("callback_data");
                    if (data != null) {
                        int bytes = data.asText().getBytes(StandardCharsets.UTF_8).length;
                        if (bytes < 1 || bytes > 64) throw ApiException.badRequest("BUTTON_DATA_INVALID");
                    } else if (!b.has("url") && !b.has("web_app") && !b.has("login_url") && !b.has("pay")
                            && !b.has("switch_inline_query") && !b.has("switch_inline_query_current_chat")
                            && !b.has("copy_text") && !b.has("callback_game")) {
                        throw ApiException.badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
                    }
                }
            }
        }
        return m;
    }

    /** For messagesTo and the simulator: the newest reply keyboard shown in a chat, or null. */
    JsonNode replyKeyboard(long chatId) {
        return chat(chatId).replyKeyboard();
    }

}
