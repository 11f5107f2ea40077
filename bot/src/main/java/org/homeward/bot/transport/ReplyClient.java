package org.homeward.bot.transport;

import java.io.Serializable;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The client replies go through: on 429 it waits the {@code retry_after} Telegram asks for and tries again
 * (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this), a few times at most, so a
 * burst does not cost a person their answer. Waiting blocks only that chat's lane.
 */
final class ReplyClient extends OkHttpTelegramClient {
    private static final int TRIES = 4;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    ReplyClient(OkHttpClient http, String token, TelegramUrl url) {
        super(http, token, url);
    }

    @Override
    public <T extends Serializable, Method extends BotApiMethod<T>> T execute(Method method) throws TelegramApiException {
        for (int attempt = 1; ; attempt++) {
            try {
                return super.execute(method);
            } catch (TelegramApiRequestException e) {
                Duration wait = retryAfter(e);
                if (wait == null || attempt >= TRIES || wait.compareTo(LONGEST_WAIT) > 0) {
                    throw e;
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Telegram's retry_after for a 429, or null for any other error. */
    static Duration retryAfter(TelegramApiRequestException e) {
        if (e.getErrorCode() == null || e.getErrorCode() != 429) {
            return null;
        }
        Integer seconds = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
        return Duration.ofSeconds(seconds == null ? 1 : Math.max(1, seconds));
    }
}
