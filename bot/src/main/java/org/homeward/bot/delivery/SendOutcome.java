package org.homeward.bot.delivery;

import java.time.Duration;
import org.homeward.db.enums.UnreachableReason;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * What became of one send, as a closed set (after courier's {@code errors.go}); reasons carry Telegram's error
 * code and description, never message text or personal data.
 */
public sealed interface SendOutcome {
    /** Telegram accepted the message. */
    record Sent(long messageId) implements SendOutcome {}

    /** 429 Too Many Requests: nothing may be sent by this bot for {@code retryAfter}. */
    record Throttled(Duration retryAfter) implements SendOutcome {}

    /** 403: the person blocked the bot or deleted their account; never retried. */
    record Blocked(UnreachableReason reason) implements SendOutcome {}

    /** 400 and other answers that will not change by trying again. */
    record PermanentFailure(String reason) implements SendOutcome {}

    /** 5xx, timeouts, dropped connections: worth another try later. */
    record TransientFailure(String reason) implements SendOutcome {}

    /**
     * The outcome of a failed call, following https://core.telegram.org/bots/api#making-requests: {@code error_code}
     * and {@code description}, with {@code parameters.retry_after} on 429.
     */
    static SendOutcome of(TelegramApiException e) {
        if (e instanceof TelegramApiRequestException r && r.getErrorCode() != null) {
            int code = r.getErrorCode();
            String description = r.getApiResponse() == null ? "" : r.getApiResponse();
            String reason = truncate(code + " " + description);
            if (code == 429) {
                Integer seconds = r.getParameters() == null ? null : r.getParameters().getRetryAfter();
                return new Throttled(Duration.ofSeconds(seconds == null || seconds < 1 ? 1 : seconds));
            }
            if (code == 403) {
                return new Blocked(UnreachableReason.ofForbidden(description));
            }
            if (code >= 500) {
                return new TransientFailure(reason);
            }
            return new PermanentFailure(reason);
        }
        // No answer from Telegram, or one we could not read (a proxy's HTML error page, a cut connection).
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new TransientFailure(truncate(cause.getClass().getSimpleName()));
    }

    private static String truncate(String reason) {
        return reason.length() <= 300 ? reason : reason.substring(0, 300);
    }
}
