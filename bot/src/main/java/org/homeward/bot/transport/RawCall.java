package org.homeward.bot.transport;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import org.telegram.telegrambots.meta.api.objects.ApiResponse;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * A Bot API call as it was stored: its method name and JSON body, sent as they are. A stored reply is sent the same
 * way whether it is sent at once or after a crash, and is never read back into the library's classes. Its result
 * is the id of the message it made or changed (0 for none); an error answer becomes the library's exception, with
 * its code and {@code retry_after}.
 */
final class RawCall extends BotApiMethod<Integer> {
    private static final TypeReference<ApiResponse<JsonNode>> ANSWER = new TypeReference<>() {};

    private final String method;
    private final RawValue body;

    RawCall(String method, String body) {
        this.method = method;
        this.body = new RawValue(body);
    }

    /** The request body, written as stored. */
    @JsonValue
    RawValue body() {
        return body;
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public void validate() {
        // Validated by the library when the reply was built, before it was stored.
    }

    @Override
    public Integer deserializeResponse(String answer) throws TelegramApiRequestException {
        ApiResponse<JsonNode> response;
        try {
            response = OBJECT_MAPPER.readValue(answer, ANSWER);
        } catch (Exception e) {
            throw new TelegramApiRequestException("Unable to deserialize response", e);
        }
        if (response == null || !Boolean.TRUE.equals(response.getOk())) {
            throw new TelegramApiRequestException("Error executing " + method + " query", response);
        }
        JsonNode result = response.getResult();
        return result == null ? 0 : result.path("message_id").asInt(0);
    }

    @Override
    public String toString() {
        return "RawCall(" + method + ")";
    }
}
