package org.homeward.bot.telegram;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/**
 * Sends a Bot API method as it is and reads back only the id of the message it made or changed. Telegram answers
 * a send with the whole Message (https://core.telegram.org/bots/api#sendmessage); reading that into TelegramBots'
 * Message classes took more CPU than building and sending the request, and replies and broadcasts need the id
 * at most. Errors are read by the wrapped method, so a 429, 403 or 400 arrives exactly as it would without this.
 */
public final class MessageIdOnly extends BotApiMethod<Integer> {
    private final BotApiMethod<?> method;

    private MessageIdOnly(BotApiMethod<?> method) {
        this.method = method;
    }

    /** Wraps {@code method}; its result becomes the message id, or 0 when Telegram returns no message. */
    public static MessageIdOnly of(BotApiMethod<?> method) {
        return new MessageIdOnly(method);
    }

    /** The method sent; it is also the request body. */
    @JsonValue
    public BotApiMethod<?> method() {
        return method;
    }

    @Override
    public String getMethod() {
        return method.getMethod();
    }

    @Override
    public void validate() throws TelegramApiValidationException {
        method.validate();
    }

    @Override
    public Integer deserializeResponse(String answer) throws TelegramApiRequestException {
        JsonNode root;
        try {
            root = OBJECT_MAPPER.readTree(answer);
        } catch (Exception e) {
            throw new TelegramApiRequestException("Unable to deserialize response", e);
        }
        if (root == null || !root.path("ok").asBoolean(false)) {
            // The wrapped method turns an error answer into the exception it always does (code, retry_after).
            method.deserializeResponse(answer);
            throw new TelegramApiRequestException("Unexpected answer from Telegram");
        }
        return root.path("result").path("message_id").asInt(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageIdOnly other && other.method.equals(method);
    }

    @Override
    public int hashCode() {
        return method.hashCode();
    }

    @Override
    public String toString() {
        return "MessageIdOnly(" + method.getMethod() + ")";
    }
}
