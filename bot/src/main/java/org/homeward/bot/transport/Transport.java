package org.homeward.bot.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.eclipse.jetty.server.Handler;
import org.homeward.core.people.People;
import org.homeward.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Brings updates from Telegram to the {@link UpdateHandler}: by long polling or by webhook, through the
 * durable inbox, one update at a time per chat and chats in parallel.
 */
public final class Transport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    // The kinds of update the bot acts on (https://core.telegram.org/bots/api#update); others are not sent.
    static final List<String> ALLOWED_UPDATES = List.of("message", "edited_message", "callback_query", "my_chat_member");

    /**
     * How to reach Telegram.
     *
     * @param token the bot's token
     * @param apiUrl the Bot API base URL
     * @param webhook empty for long polling
     */
    public record Settings(String token, URI apiUrl, Optional<Webhook> webhook) {
        public Settings {
            Objects.requireNonNull(token);
            Objects.requireNonNull(apiUrl);
            Objects.requireNonNull(webhook);
        }

        @Override
        public String toString() {
            return "Settings[apiUrl=" + apiUrl + ", webhook=" + webhook.map(Webhook::url) + "]";
        }
    }

    /** Webhook mode: Telegram POSTs to {@code url} with {@code secret} in a header. */
    public record Webhook(URI url, String secret) {
        @Override
        public String toString() {
            return "Webhook[url=" + url + "]";
        }
    }

    private final Settings settings;
    private final OkHttpClient http;
    private final TelegramClient telegram;
    private final Inbox inbox;
    private final ChatLanes lanes = new ChatLanes();
    private final DoneMarks done;
    private final UpdateDispatcher dispatcher;
    private final WebhookHandler webhookHandler;
    private LongPolling polling;

    /** Builds the transport; nothing is received before {@link #start()}. */
    public Transport(Database database, OkHttpClient http, TelegramClient telegram, Settings settings,
            UpdateHandler handler) {
        this.settings = settings;
        this.http = http;
        this.telegram = telegram;
        this.inbox = new Inbox(database.dsl());
        this.done = new DoneMarks(inbox);
        this.dispatcher = new UpdateDispatcher(inbox, done, lanes, handler, new Apology(database.dsl(), telegram),
                new ObjectMapper(), new People(database.dsl()));
        this.webhookHandler = settings.webhook().map(w -> new WebhookHandler(w.secret(), dispatcher)).orElse(null);
    }

    /** The handler to mount at the webhook URL's path; empty in long-polling mode. */
    public Optional<Handler> webhookHandler() {
        return Optional.ofNullable(webhookHandler);
    }

    /** The path Telegram posts to in webhook mode, for mounting {@link #webhookHandler()}. */
    public Optional<String> webhookPath() {
        return settings.webhook().map(w -> w.url().getRawPath() == null || w.url().getRawPath().isEmpty()
                ? "/" : w.url().getRawPath());
    }

    /**
     * Handles what an earlier run stored but did not finish, then starts receiving: registers the webhook
     * with Telegram (the web server must already serve {@link #webhookHandler()}), or starts long polling.
     */
    public void start() throws TelegramApiException {
        // First a plain call, so a wrong token (401) and an API URL that does not answer are told apart before
        // anything else (https://core.telegram.org/bots/api#getme).
        telegram.execute(new GetMe());
        int recovered = dispatcher.recover();
        if (recovered > 0) {
            LOG.info("handling {} updates stored before the last stop", recovered);
        }
        inbox.purge(Duration.ofDays(7));
        if (settings.webhook().isPresent()) {
            Webhook w = settings.webhook().get();
            telegram.execute(SetWebhook.builder()
                    .url(w.url().toString())
                    .secretToken(w.secret())
                    .allowedUpdates(ALLOWED_UPDATES)
                    .maxConnections(40)
                    .build());
            LOG.info("receiving updates by webhook");
        } else {
            polling = new LongPolling(http, dispatcher);
            polling.start(settings.token(), TelegramClients.url(settings.apiUrl()), ALLOWED_UPDATES);
            LOG.info("receiving updates by long polling");
        }
    }

    /** Waits until every received update has been handled; for tests and benchmarks. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return lanes.awaitIdle(timeout.toMillis(), TimeUnit.MILLISECONDS) && done.awaitFlushed(timeout.toMillis());
    }

    /** Stops receiving, lets updates in hand finish, and leaves the webhook registered for the next start. */
    @Override
    public void close() {
        stopReceiving();
        lanes.close();
        done.close();
    }

    /** Stops taking updates from Telegram; what is already stored still gets handled (or recovered later). */
    void stopReceiving() {
        if (polling != null) {
            polling.close();
            polling = null;
        }
    }
}
