package org.homeward.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /bot<token>/<method>} as Telegram does: method names in any case, parameters from the query, a
 * JSON body or a form (urlencoded or multipart), answers {@code {"ok":true,"result":…}} or
 * {@code {"ok":false,"error_code":…,"description":…}} (https://core.telegram.org/bots/api#making-requests).
 */
final class BotApiHandler extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(BotApiHandler.class);
    private static final Map<String, String> CANONICAL = Stream.of("getMe", "getUpdates", "setWebhook",
            "deleteWebhook", "getWebhookInfo", "sendMessage", "editMessageText", "editMessageReplyMarkup",
            "deleteMessage", "answerCallbackQuery", "sendLocation", "sendVenue", "sendChatAction", "setMyCommands",
            "getMyCommands", "deleteMyCommands", "setChatMenuButton", "setMyDescription", "setMyShortDescription",
            "logOut", "close").collect(Collectors.toMap(m -> m.toLowerCase(Locale.ROOT), Function.identity()));
    /** Methods counted against Telegram's send limits. */
    private static final Set<String> SENDS = Set.of("sendMessage", "sendLocation", "sendVenue");
    private static final byte[] UNAUTHORIZED =
            "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);

    private final FakeTelegram telegram;

    BotApiHandler(FakeTelegram telegram) {
        this.telegram = telegram;
    }

    /** The canonical name of a lower-cased method, or null if the fake does not know it. */
    static String canonical(String lowerCase) {
        return CANONICAL.get(lowerCase);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.startsWith("/file/")) {
            answer(response, callback, 404, error(404, "Not Found", null));
            return true;
        }
        if (!path.startsWith("/bot")) return false;
        int slash = path.indexOf('/', 4);
        String token = slash < 0 ? path.substring(4) : path.substring(4, slash);
        FakeBot bot = telegram.findBot(token);
        if (bot == null) {
            answer(response, callback, 401, UNAUTHORIZED);
            return true;
        }
        String lower = slash < 0 ? "" : path.substring(slash + 1).toLowerCase(Locale.ROOT);
        String method = canonical(lower);
        if (method == null) {
            answer(response, callback, 404, error(404, "Not Found", null));
            return true;
        }
        ObjectNode params;
        try {
            params = params(request);
        } catch (IllegalArgumentException e) {
            answer(response, callback, 400, error(400, "Bad Request: can't parse JSON object", null));
            return true;
        }
        Instant time = Instant.now();
        if (bot.faults().hang(method)) {
            // Never carried out, never answered; the connection is closed after a while so nothing leaks.
            telegram.scheduler().schedule(() -> {
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                callback.failed(new org.eclipse.jetty.io.EofException("hung by fault injection"));
            }, 5, TimeUnit.MINUTES);
            return true;
        }
        Duration delay = bot.faults().delay();
        Duration held = bot.faults().held(method);
        if (delay.isZero() && held.isZero()) {
            process(bot, method, params, time, request, response, callback);
        } else if (held.isZero()) {
            telegram.scheduler().schedule(() -> process(bot, method, params, time, request, response, callback),
                    delay.toNanos(), TimeUnit.NANOSECONDS);
        } else {
            telegram.scheduler().schedule(() -> {
                if (clientGone(request)) {
                    // The call never reached the bot: nothing is delivered, as when a slow network loses it.
                    bot.record(new ApiCall(method, params, time, 0));
                    request.getConnectionMetaData().getConnection().getEndPoint().close();
                    callback.failed(new org.eclipse.jetty.io.EofException("client gone while its call was held"));
                } else {
                    process(bot, method, params, time, request, response, callback);
                }
            }, delay.plus(held).toNanos(), TimeUnit.NANOSECONDS);
        }
        return true;
    }

    /**
     * True when the client has closed its connection (given up on its call): a read finds the end of the stream.
     * An HTTP/1.1 client sends nothing more on a connection while it waits for the answer, so the read takes
     * nothing it sent.
     */
    private static boolean clientGone(Request request) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (!endPoint.isOpen() || endPoint.isInputShutdown()) {
            return true;
        }
        try {
            return endPoint.fill(BufferUtil.allocate(1)) < 0;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private void process(FakeBot bot, String method, ObjectNode params, Instant time, Request request,
            Response response, Callback callback) {
        if (bot.faults().drop(method)) {
            bot.record(new ApiCall(method, params, time, 0));
            // No answer at all: the client sees the connection end, as with a flaky mobile network.
            request.getConnectionMetaData().getConnection().getEndPoint().close();
            callback.failed(new org.eclipse.jetty.io.EofException("connection dropped by fault injection"));
            return;
        }
        int status5xx = bot.faults().serverError(method);
        if (status5xx != 0) {
            String text = status5xx == 502 ? "Bad Gateway" : "Internal Server Error";
            finish(bot, method, params, time, response, callback, new ApiException(status5xx, text, null));
            return;
        }
        CompletableFuture<JsonNode> result;
        try {
            result = dispatch(bot, method, params);
        } catch (ApiException e) {
            finish(bot, method, params, time, response, callback, e);
            return;
        } catch (RuntimeException e) {
            log.warn("fake Bot API failed on {}", method, e);
            finish(bot, method, params, time, response, callback, new ApiException(500, "Internal Server Error", null));
            return;
        }
        result.whenComplete((r, t) -> {
            if (t == null) {
                if (SENDS.contains(method)) bot.countSend();
                bot.record(new ApiCall(method, params, time, 200));
                ObjectNode body = Json.object().put("ok", true);
                if (r instanceof ObjectNode o && o.has("__result")) {
                    body.put("result", true).put("description", o.get("__description").asText());
                } else {
                    body.set("result", r);
                }
                answer(response, callback, 200, Json.write(body).getBytes(StandardCharsets.UTF_8));
            } else {
                Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
                ApiException e = cause instanceof ApiException a ? a : new ApiException(500, "Internal Server Error", null);
                finish(bot, method, params, time, response, callback, e);
            }
        });
    }

    private CompletableFuture<JsonNode> dispatch(FakeBot bot, String method, ObjectNode p) {
        if (SENDS.contains(method)) {
            int scripted = bot.faults().tooManyRequests();
            if (scripted > 0) throw ApiException.tooManyRequests(scripted);
            bot.limits().acquire(bot.targetChatId(p));
        }
        if (method.equals("getUpdates")) return bot.getUpdates(p);
        JsonNode r = switch (method) {
            case "getMe" -> bot.me();
            case "setWebhook" -> bot.setWebhook(p);
            case "deleteWebhook" -> bot.deleteWebhook(p);
            case "getWebhookInfo" -> bot.getWebhookInfo();
            case "sendMessage" -> bot.sendMessage(p);
            case "editMessageText" -> bot.editMessageText(p);
            case "editMessageReplyMarkup" -> bot.editMessageReplyMarkup(p);
            case "deleteMessage" -> bot.deleteMessage(p);
            case "answerCallbackQuery" -> bot.answerCallbackQuery(p);
            case "sendLocation" -> bot.sendLocation(p);
            case "sendVenue" -> bot.sendVenue(p);
            case "sendChatAction" -> bot.sendChatAction(p);
            case "getMyCommands" -> bot.getMyCommands();
            default -> bot.remember(method, p);
        };
        return CompletableFuture.completedFuture(r);
    }

    private void finish(FakeBot bot, String method, ObjectNode params, Instant time, Response response,
            Callback callback, ApiException e) {
        if (e.code == 429) bot.countTooMany();
        bot.record(new ApiCall(method, params, time, e.code));
        answer(response, callback, e.code, error(e.code, e.description, e.retryAfter));
    }

    private static byte[] error(int code, String description, Integer retryAfter) {
        ObjectNode body = Json.object().put("ok", false).put("error_code", code).put("description", description);
        if (retryAfter != null) body.putObject("parameters").put("retry_after", retryAfter);
        return Json.write(body).getBytes(StandardCharsets.UTF_8);
    }

    private static void answer(Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Query, then body parameters into one JSON object; form values stay strings, as Telegram reads them. */
    private static ObjectNode params(Request request) throws Exception {
        ObjectNode p = Json.object();
        Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        query.forEach(f -> p.put(f.getName(), f.getValue()));
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null) return p;
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            if (!body.isBlank()) {
                JsonNode n = Json.read(body);
                if (!n.isObject()) throw new IllegalArgumentException("not an object");
                p.setAll((ObjectNode) n);
            }
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            Fields fields = new Fields();
            UrlEncoded.decodeUtf8To(body, fields);
            fields.forEach(f -> p.put(f.getName(), f.getValue()));
        } else if (type.startsWith("multipart/form-data")) {
            String body = Content.Source.asString(request, StandardCharsets.ISO_8859_1);
            Multipart.parse(contentType, body, p);
        }
        return p;
    }
}
