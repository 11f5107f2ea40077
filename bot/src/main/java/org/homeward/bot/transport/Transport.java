package org.homeward.bot.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.eclipse.jetty.server.Handler;
import org.homeward.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
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
     * @param replies how replies are sent and retried
     */
    public record Settings(String token, URI apiUrl, Optional<Webhook> webhook, ReplyPolicy replies) {
        /** Checks every part is given. */
        public Settings {
            Objects.requireNonNull(token);
            Objects.requireNonNull(apiUrl);
            Objects.requireNonNull(webhook);
            Objects.requireNonNull(replies);
        }

        /** Settings with the default reply policy. */
        public Settings(String token, URI apiUrl, Optional<Webhook> webhook) {
            this(token, apiUrl, webhook, ReplyPolicy.defaults());
        }

        /** These settings with another reply policy. */
        public Settings withReplies(ReplyPolicy policy) {
            return new Settings(token, apiUrl, webhook, policy);
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
    private final Database database;
    private final TelegramClient telegram;
    private final Inbox inbox;
    private final ChatLanes lanes = new ChatLanes();
    private final Replies replies = new Replies(new ObjectMapper());
    private final ReplySender sender;
    private final UpdateDispatcher dispatcher;
    private final WebhookHandler webhookHandler;
    private final okhttp3.Dispatcher replyDispatcher;
    private LongPolling polling;
    private Thread sweeper;
    private volatile boolean running;

    /**
     * Builds the transport; nothing is received before {@link #start()}. Replies take a slot from {@code pacer} (the
     * delivery engine's shared budget) before each message.
     */
    public Transport(Database database, OkHttpClient http, Settings settings, UpdateHandler handler, Pacer pacer) {
        this.settings = settings;
        this.http = http;
        this.database = database;
        this.telegram = TelegramClients.client(http, settings.token(), settings.apiUrl());
        // Its own limit on a call, shorter than a reply's lease: the lease must outlive the call it covers. And its
        // own dispatcher: OkHttp starts an async call's timeout only once its dispatcher runs it, so a reply queued
        // behind other calls could outlast its lease.
        okhttp3.Dispatcher replyDispatcher = new okhttp3.Dispatcher();
        replyDispatcher.setMaxRequests(1024);
        replyDispatcher.setMaxRequestsPerHost(1024);
        this.replyDispatcher = replyDispatcher;
        OkHttpClient bounded = http.newBuilder().dispatcher(replyDispatcher)
                .callTimeout(settings.replies().callTimeout()).build();
        TelegramClient replyClient = TelegramClients.client(bounded, settings.token(), settings.apiUrl());
        this.inbox = new Inbox(database.dsl());
        this.sender = new ReplySender(database, replyClient, pacer, settings.replies(), handler, replies);
        this.dispatcher = new UpdateDispatcher(database, inbox, lanes, handler, replies, sender, settings.replies(),
                new ObjectMapper());
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
        // Replies a crash or a stop left unsent first, then updates stored but not handled: each chat in order.
        sweep();
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
        running = true;
        sweeper = Thread.ofVirtual().name("reply-sweeper").start(this::sweepLoop);
    }

    /** Takes over stored replies whose sender is gone (another instance, or this one before a crash). */
    private void sweepLoop() {
        while (running) {
            try {
                Thread.sleep(settings.replies().sweepEvery());
                sweep();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.debug("reply sweep failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    private void sweep() {
        long started = System.nanoTime();
        List<Replies.Row> rows = replies.claimExpired(database.dsl(), 500, settings.replies().lease());
        if (rows.isEmpty()) {
            return;
        }
        sender.holdSwept(rows, started);
        Map<Long, List<Replies.Row>> byChat = new LinkedHashMap<>();
        for (Replies.Row r : rows) {
            byChat.computeIfAbsent(r.chatId(), c -> new ArrayList<>()).add(r);
        }
        LOG.info("sending {} stored replies whose sender had stopped", rows.size());
        byChat.forEach((chat, own) -> lanes.submit(chat, () -> sender.send(chat, own)));
    }

    /**
     * Handles one update now, on the caller's thread, without the inbox (so without its deduplication): its changes
     * and replies are stored in one transaction and the replies sent before this returns. For tests and tools that
     * drive the bot step by step.
     */
    public void handleDirectly(Update update) {
        dispatcher.process(update, Updates.chatId(update), false);
    }

    /** Waits until every received update has been handled; for tests and benchmarks. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return lanes.awaitIdle(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops receiving, gives updates and replies in hand a few seconds, then stops: what is left stays stored (an
     * update pending, a reply released) for the next start. The webhook stays registered for that start.
     */
    @Override
    public void close() {
        stopReceiving();
        running = false;
        if (sweeper != null) {
            sweeper.interrupt();
        }
        try {
            lanes.awaitIdle(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.stop();
        lanes.close();
        replyDispatcher.cancelAll();
        replyDispatcher.executorService().shutdown();
    }

    /** Stops taking updates from Telegram; what is already stored still gets handled (or recovered later). */
    void stopReceiving() {
        if (polling != null) {
            polling.close();
            polling = null;
        }
    }
}
