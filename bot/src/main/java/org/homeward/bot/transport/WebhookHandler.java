package org.homeward.bot.transport;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
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
    // Telegram sends UTF-8; bytes that are not are refused rather than silently replaced.
    private static final ThreadLocal<CharsetDecoder> STRICT_UTF_8 = ThreadLocal.withInitial(() ->
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));

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
        // The declared length is checked first, and the bytes as they come: a chunked body declares none.
        if (request.getLength() > MAX_BODY) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE_413);
            callback.succeeded();
            return true;
        }
        byte[] bytes;
        try (InputStream in = Content.Source.asInputStream(request)) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE_413);
            callback.succeeded();
            return true;
        }
        try {
            dispatcher.acceptJson(STRICT_UTF_8.get().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException | com.fasterxml.jackson.core.JsonProcessingException
                 | IllegalArgumentException e) {
            // Bad input is never a 5xx: Telegram would retry what can never be stored.
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
