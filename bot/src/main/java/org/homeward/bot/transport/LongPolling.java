package org.homeward.bot.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Long polling through TelegramBots. The library raises its offset past a batch only on the next getUpdates,
 * after {@code consume} returns; so consume returns only once the batch is stored, and never throws
 * (an exception out of consume ends the library's polling task without a word).
 */
final class LongPolling implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LongPolling.class);
    // https://core.telegram.org/bots/api#getupdates: limit 1-100; a 50 s timeout keeps one request open.
    private static final int LIMIT = 100;
    private static final int TIMEOUT_SECONDS = 50;

    private final ScheduledExecutorService pollThread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("telegram-poll").daemon().factory());
    private final OkHttpClient pollHttp;
    private final TelegramBotsLongPollingApplication application;
    private final UpdateDispatcher dispatcher;
    private volatile boolean running = true;
    private volatile GetUpdatesKeepingJson.Batch lastBatch = GetUpdatesKeepingJson.Batch.EMPTY;

    LongPolling(OkHttpClient http, UpdateDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        // Its own dispatcher, so that closing can cancel the long poll in flight (up to 50 s) and nothing else.
        this.pollHttp = http.newBuilder().dispatcher(new Dispatcher()).build();
        // The library's close() leaves its default scheduler thread alive; ours is a daemon we shut down.
        this.application = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> pollHttp, () -> pollThread);
    }

    void start(String token, TelegramUrl url, List<String> allowedUpdates) throws TelegramApiException {
        LongPollingUpdateConsumer consumer = this::storeUntilSaved;
        // Polls run one after the other on one thread: parse, consume, next poll. So the JSON of the batch being
        // consumed is the one the last poll handed over.
        application.registerBot(token, () -> url, lastReceived -> new GetUpdatesKeepingJson(lastReceived + 1, LIMIT,
                TIMEOUT_SECONDS, allowedUpdates, batch -> lastBatch = batch), consumer);
    }

    private void storeUntilSaved(List<Update> updates) {
        long backoffMillis = 100;
        while (running) {
            try {
                GetUpdatesKeepingJson.Batch batch = lastBatch;
                dispatcher.accept(updates, batch.json(), batch.unreadable());
                return;
            } catch (Throwable e) {
                LOG.warn("could not store {} updates ({}); retrying in {} ms",
                        updates.size(), e.getClass().getSimpleName(), backoffMillis);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, 10_000);
            }
        }
        // Stopping with the batch unsaved: it was never acknowledged, so Telegram sends it again next time.
    }

    @Override
    public void close() {
        running = false;
        try {
            application.close();
        } catch (Exception e) {
            LOG.warn("stopping long polling: {}", e.getClass().getSimpleName());
        }
        pollHttp.dispatcher().cancelAll();
        pollThread.shutdownNow();
        try {
            pollThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
