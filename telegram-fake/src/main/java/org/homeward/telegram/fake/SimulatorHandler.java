package org.homeward.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The browser simulator: a phone-like chat page at {@code /simulator} and its JSON API at
 * {@code /simulator/api/...}, playing simulated users of one fake bot. Works mounted at the server root or inside
 * a context at {@code /simulator}.
 */
public final class SimulatorHandler extends Handler.Abstract {
    private static final Pattern USER_ACTION = Pattern.compile("/api/users/(\\d+)/(send|contact|location|press|messages)");
    private static final Map<String, String> STATIC = Map.of("/", "index.html", "/index.html", "index.html",
            "/app.js", "app.js", "/app.css", "app.css");
    private static final int MAX_WAIT_SECONDS = 25;

    private final FakeTelegram telegram;
    private final FakeBot bot;

    /** A simulator for the bot with {@code token} on {@code telegram} (the bot is registered if new). */
    public SimulatorHandler(FakeTelegram telegram, String token) {
        this.telegram = telegram;
        this.bot = telegram.bot(token);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.startsWith("/simulator")) path = path.substring("/simulator".length());
        else if (!String.valueOf(Request.getContextPath(request)).endsWith("/simulator")) return false;
        if (path.isEmpty()) path = "/";
        String method = request.getMethod();
        try {
            String resource = STATIC.get(path);
            if (resource != null && method.equals("GET")) {
                serveResource(resource, response, callback);
                return true;
            }
            if (path.equals("/api/users")) {
                if (method.equals("GET")) json(response, callback, 200, usersJson());
                else if (method.equals("POST")) json(response, callback, 200, createUser(body(request)));
                else return notFound(response, callback);
                return true;
            }
            Matcher m = USER_ACTION.matcher(path);
            if (!m.matches()) return notFound(response, callback);
            SimulatedUser user = bot.user(Long.parseLong(m.group(1)));
            String action = m.group(2);
            if (action.equals("messages") && method.equals("GET")) {
                messages(user, request, response, callback);
                return true;
            }
            if (!method.equals("POST")) return notFound(response, callback);
            JsonNode body = body(request);
            int updateId = switch (action) {
                case "send" -> {
                    String text = body.path("text").asText("");
                    if (text.isBlank()) throw new IllegalArgumentException("empty text");
                    yield text.startsWith("/") ? user.sendCommand(text) : user.sendText(text);
                }
                case "contact" -> user.shareContact(fakePhone(user));
                case "location" -> user.shareLocation(body.path("latitude").asDouble(), body.path("longitude").asDouble());
                case "press" -> user.pressButton(body.path("messageId").asInt(), body.path("data").asText());
                default -> throw new IllegalArgumentException(action);
            };
            json(response, callback, 200, Json.object().put("updateId", updateId));
        } catch (IllegalArgumentException e) {
            json(response, callback, 400, Json.object().put("error", e.getMessage()));
        }
        return true;
    }

    /** A fixed, obviously fake Tajik mobile number per user, as a request_contact button would share. */
    static String fakePhone(SimulatedUser user) {
        return String.format("+99290%07d", user.id() % 10_000_000);
    }

    private JsonNode usersJson() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (SimulatedUser u : bot.users()) out.add(userJson(u));
        return out;
    }

    private static ObjectNode userJson(SimulatedUser u) {
        ObjectNode n = Json.object().put("id", u.id()).put("firstName", u.firstName());
        if (u.languageCode() != null) n.put("languageCode", u.languageCode());
        else n.putNull("languageCode");
        return n;
    }

    private JsonNode createUser(JsonNode body) {
        String name = body.path("firstName").asText("").strip();
        if (name.isEmpty() || name.length() > 64) throw new IllegalArgumentException("first name 1-64 characters");
        String lang = body.path("languageCode").asText("");
        return userJson(bot.newUser(name, lang.isEmpty() || lang.equals("none") ? null : lang));
    }

    /** Changes after {@code since}; with {@code wait}, a long poll held until something changes. */
    private void messages(SimulatedUser user, Request request, Response response, Callback callback) {
        Fields q = Request.extractQueryParameters(request);
        long since = parseLong(q.getValue("since"), -1);
        long wait = Math.min(MAX_WAIT_SECONDS, Math.max(0, parseLong(q.getValue("wait"), 0)));
        Chat chat = bot.chat(user.chatId());
        if (wait == 0 || chat.version() > since) {
            json(response, callback, 200, changes(user, since));
            return;
        }
        AtomicBoolean done = new AtomicBoolean();
        Runnable[] reply = new Runnable[1];
        reply[0] = () -> {
            if (done.compareAndSet(false, true)) {
                telegram.cancelOnClose(reply[0]);
                // Answer off the chat lock: the listener runs inside Chat.changed().
                telegram.runSoon(() -> json(response, callback, 200, changes(user, since)));
            }
        };
        telegram.onClose(reply[0]);
        chat.onChangeAfter(since, reply[0]);
        try {
            telegram.scheduler().schedule(reply[0], wait, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            reply[0].run();
        }
    }

    private ObjectNode changes(SimulatedUser user, long since) {
        Chat chat = bot.chat(user.chatId());
        ObjectNode out = Json.object();
        List<BotMessage> changed;
        long version;
        JsonNode keyboard;
        synchronized (chat) {
            version = chat.version();
            changed = chat.messages(false, since);
            keyboard = chat.replyKeyboard();
        }
        out.put("version", version);
        ArrayNode arr = out.putArray("messages");
        for (BotMessage m : changed) {
            ObjectNode n = arr.addObject().put("id", m.messageId()).put("fromBot", m.fromBot()).put("kind", m.kind())
                    .put("text", m.text()).put("parseMode", m.parseMode()).put("deleted", m.deleted())
                    .put("edited", m.editDate() != null).put("date", m.date().getEpochSecond());
            if (m.replyMarkup() != null && m.replyMarkup().has("inline_keyboard")) n.set("inlineKeyboard", m.replyMarkup().get("inline_keyboard"));
            if (m.kind().equals("location") || m.kind().equals("venue")) n.put("latitude", m.latitude()).put("longitude", m.longitude());
        }
        if (keyboard != null) out.set("keyboard", keyboard);
        else out.putNull("keyboard");
        return out;
    }

    private static long parseLong(String s, long otherwise) {
        if (s == null) return otherwise;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static JsonNode body(Request request) throws IOException {
        String s = Content.Source.asString(request, StandardCharsets.UTF_8);
        if (s.isBlank()) return Json.object();
        return Json.read(s);
    }

    private boolean notFound(Response response, Callback callback) {
        json(response, callback, 404, Json.object().put("error", "not found"));
        return true;
    }

    private static void json(Response response, Callback callback, int status, JsonNode body) {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private static void serveResource(String name, Response response, Callback callback) {
        byte[] bytes;
        try (InputStream in = SimulatorHandler.class.getResourceAsStream("simulator/" + name)) {
            if (in == null) throw new IllegalStateException("missing simulator/" + name);
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String type = name.endsWith(".js") ? "text/javascript; charset=utf-8"
                : name.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        // The page builds every bot text with textContent; the policy is a second line against injection.
        response.getHeaders().put("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
