package org.homeward.bot.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives updates that Telegram POSTs to the webhook (https://core.telegram.org/bots/api#setwebhook).
 * A wrong or missing secret token is refused with 403 and nothing is stored. 200 is answered only after the
 * update is stored; when storing fails the answer is 503, and Telegram delivers the update again later.
 */
final class WebhookHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    // Telegram's updates are small; a larger body is not from Telegram.
    private static final int MAX_BODY = 1 << 20;

    private final byte[] secret;
    private final UpdateDispatcher dispatcher;

    WebhookHandler(String secret, UpdateDispatcher dispatcher) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.dispatcher = dispatcher;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.setStatus(HttpStatus.METHOD_NOT_ALLOWED_405);
            callback.succeeded();
            return true;
        }
        String given = request.getHeaders().get(SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            response.setStatus(HttpStatus.FORBIDDEN_403);
            callback.succeeded();
            return true;
        }
        long length = request.getLength();
        if (length > MAX_BODY) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE_413);
            callback.succeeded();
            return true;
        }
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        try {
            dispatcher.acceptJson(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            response.setStatus(HttpStatus.BAD_REQUEST_400);
            callback.succeeded();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("webhook update not stored ({}); answering 503 so Telegram retries", e.getClass().getSimpleName());
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
            callback.succeeded();
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        callback.succeeded();
        return true;
    }
}
