package org.homeward.bot.transport;

import java.io.Serializable;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.homeward.bot.telegram.MessageIdOnly;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
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

    private final Pacer pacer;

    ReplyClient(OkHttpClient http, String token, TelegramUrl url, Pacer pacer) {
        super(http, token, url);
        this.pacer = pacer;
    }

    @Override
    public <T extends Serializable, Method extends BotApiMethod<T>> T execute(Method method) throws TelegramApiException {
        for (int attempt = 1; ; attempt++) {
            try {
                if (countsTowardLimits(method)) {
                    pacer.beforeReply();
                }
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
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TelegramApiException("interrupted while waiting for a slot to reply", e);
            }
        }
    }

    /** Messages a person sees count toward Telegram's limits; answering a button press does not. */
    private static boolean countsTowardLimits(BotApiMethod<?> method) {
        if (method instanceof MessageIdOnly wrapped) {
            return countsTowardLimits(wrapped.method());
        }
        return !(method instanceof AnswerCallbackQuery) && !(method instanceof SendChatAction)
                && !(method instanceof DeleteMessage);
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
