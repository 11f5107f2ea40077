package org.homeward.bot.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A small Bot API server for the conversation's tests, speaking Telegram's JSON over HTTP to the real
 * TelegramBots client: it queues updates from simulated people for {@code getUpdates} and records what the bot
 * sends. Stands in until the shared fake ({@code telegram-fake}) lands; only the methods the conversation uses.
 */
final class MiniBotApi implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One call the bot made: its method (lower-case) and JSON parameters. */
    record Call(String method, JsonNode params, int messageId) {
        long chatId() {
            return params.path("chat_id").asLong();
        }

        String text() {
            return params.path("text").asText(null);
        }

        /** Callback data of every inline button in the call's keyboard. */
        List<String> callbackData() {
            List<String> data = new ArrayList<>();
            params.path("reply_markup").path("inline_keyboard").forEach(row -> row.forEach(b -> data.add(b.path("callback_data").asText())));
            return data;
        }

        /** Labels of every button (inline or reply keyboard). */
        List<String> labels() {
            List<String> labels = new ArrayList<>();
            params.path("reply_markup").path("inline_keyboard").forEach(row -> row.forEach(b -> labels.add(b.path("text").asText())));
            params.path("reply_markup").path("keyboard").forEach(row -> row.forEach(b -> labels.add(b.path("text").asText())));
            return labels;
        }
    }

    private final Server server;
    private final List<ObjectNode> updates = new ArrayList<>();
    private final List<Call> calls = new ArrayList<>();
    private final AtomicInteger updateIds = new AtomicInteger(1000);
    private final AtomicInteger messageIds = new AtomicInteger(1);
    /** The next getUpdates offset of the test-side driver (see {@link Talk#pump}). */
    int offset;

    MiniBotApi() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                JsonNode params = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
                JsonNode result = answer(method, params);
                ObjectNode reply = JSON.createObjectNode().put("ok", true);
                reply.set("result", result);
                response.getHeaders().put("Content-Type", "application/json");
                Content.Sink.write(response, true, JSON.writeValueAsString(reply), callback);
                return true;
            }
        });
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    private synchronized JsonNode answer(String method, JsonNode params) {
        switch (method) {
            case "getupdates" -> {
                long offset = params.path("offset").asLong(0);
                ArrayNode result = JSON.createArrayNode();
                updates.stream().filter(u -> u.path("update_id").asLong() >= offset).forEach(result::add);
                updates.removeIf(u -> u.path("update_id").asLong() < offset);
                return result;
            }
            case "sendmessage", "sendlocation", "editmessagereplymarkup", "editmessagetext" -> {
                int id = params.has("message_id") ? params.path("message_id").asInt() : messageIds.getAndIncrement();
                calls.add(new Call(method, params, id));
                ObjectNode message = JSON.createObjectNode();
                message.put("message_id", id);
                message.put("date", (int) (System.currentTimeMillis() / 1000));
                message.putObject("chat").put("id", params.path("chat_id").asLong()).put("type", "private");
                if (params.has("text")) {
                    message.put("text", params.path("text").asText());
                }
                if (params.has("latitude")) {
                    message.putObject("location").put("latitude", params.path("latitude").asDouble())
                            .put("longitude", params.path("longitude").asDouble());
                }
                return message;
            }
            default -> {
                calls.add(new Call(method, params, 0));
                return JSON.getNodeFactory().booleanNode(true);
            }
        }
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized void queue(ObjectNode update) {
        update.put("update_id", updateIds.incrementAndGet());
        updates.add(update);
    }

    int nextMessageId() {
        return messageIds.getAndIncrement();
    }

    /** A person writing to the bot in a private chat. */
    Person person(long id, String firstName, String languageCode) {
        return new Person(id, firstName, languageCode);
    }

    final class Person {
        final long id;
        private final String firstName;
        private final String languageCode;

        Person(long id, String firstName, String languageCode) {
            this.id = id;
            this.firstName = firstName;
            this.languageCode = languageCode;
        }

        ObjectNode from() {
            ObjectNode from = JSON.createObjectNode().put("id", id).put("is_bot", false).put("first_name", firstName);
            if (languageCode != null) {
                from.put("language_code", languageCode);
            }
            return from;
        }

        private ObjectNode message() {
            ObjectNode m = JSON.createObjectNode();
            m.put("message_id", nextMessageId());
            m.put("date", (int) (System.currentTimeMillis() / 1000));
            m.set("from", from());
            m.putObject("chat").put("id", id).put("type", "private").put("first_name", firstName);
            return m;
        }

        private void send(ObjectNode message) {
            ObjectNode update = JSON.createObjectNode();
            update.set("message", message);
            queue(update);
        }

        void text(String text) {
            ObjectNode m = message().put("text", text);
            if (text.startsWith("/")) {
                int end = text.indexOf(' ') < 0 ? text.length() : text.indexOf(' ');
                m.putArray("entities").addObject().put("type", "bot_command").put("offset", 0).put("length", end);
            }
            send(m);
        }

        void contact(String phone, long userId) {
            ObjectNode m = message();
            m.putObject("contact").put("phone_number", phone).put("first_name", firstName).put("user_id", userId);
            send(m);
        }

        void location(double latitude, double longitude) {
            ObjectNode m = message();
            m.putObject("location").put("latitude", latitude).put("longitude", longitude);
            send(m);
        }

        void sticker() {
            ObjectNode m = message();
            m.putObject("sticker").put("file_id", "CAAC-sticker").put("file_unique_id", "s1").put("type", "regular")
                    .put("width", 512).put("height", 512).put("is_animated", false).put("is_video", false);
            send(m);
        }

        void photo() {
            ObjectNode m = message();
            m.putArray("photo").addObject().put("file_id", "AgAC-photo").put("file_unique_id", "p1").put("width", 90).put("height", 90);
            send(m);
        }

        void editedText(String text) {
            ObjectNode m = message().put("text", text).put("edit_date", (int) (System.currentTimeMillis() / 1000));
            ObjectNode update = JSON.createObjectNode();
            update.set("edited_message", m);
            queue(update);
        }

        /** Presses an inline button with {@code data} on the bot's message {@code messageId}. */
        void press(int messageId, String data) {
            ObjectNode q = JSON.createObjectNode();
            q.put("id", "cq" + nextMessageId());
            q.set("from", from());
            q.put("chat_instance", "ci" + id);
            q.put("data", data);
            ObjectNode m = q.putObject("message");
            m.put("message_id", messageId);
            m.put("date", (int) (System.currentTimeMillis() / 1000));
            m.putObject("chat").put("id", id).put("type", "private");
            m.put("text", "…");
            ObjectNode update = JSON.createObjectNode();
            update.set("callback_query", q);
            queue(update);
        }

        /** Writes in a group the bot is a member of. */
        void textInGroup(long groupId, String text) {
            ObjectNode m = message().put("text", text);
            m.putObject("chat").put("id", groupId).put("type", "group").put("title", "Migrants");
            send(m);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
