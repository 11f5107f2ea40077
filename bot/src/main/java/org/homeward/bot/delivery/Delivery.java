package org.homeward.bot.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import javax.sql.DataSource;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.homeward.bot.transport.TelegramClients;
import org.homeward.core.outbox.Outbox;

/**
 * The delivery engine of one Homeward instance: the queue, the shared rate limiter and the sender. Several
 * instances may run on one database; each row is sent by one of them and the bot-wide rate is shared.
 *
 * <p>Wiring: {@code Delivery.create(config, database.dataSource(), http, token, apiUrl, registry)}, then
 * {@link #start()} once the database is migrated, and {@link #close()} before the database is closed.
 */
public final class Delivery implements AutoCloseable {
    private final Outbox queue = new Outbox();
    private final RateLimiter limiter;
    private final Sender sender;
    private final Dispatcher dispatcher;

    private Delivery(DeliveryConfig config, DataSource dataSource, OkHttpClient http, String token, URI baseUrl,
                     MeterRegistry registry) {
        // Every send's call is bounded by the send timeout, so that it ends well within the row's lease (issue 10,
        // item 5): the shared client's read timeout (75 s) is sized for long polling, not for sends. OkHttp's call
        // timeout covers the whole call, connecting, writing and reading:
        // https://square.github.io/okhttp/5.x/okhttp/okhttp3/-ok-http-client/-builder/call-timeout.html
        // A dispatcher of our own, with room for every call the sender lets out at once: the call timeout of an
        // asynchronous call (the TelegramBots client's execute is one) starts only when its dispatcher runs it, so
        // a call queued behind replies or the long poll could outlast the timeout from the sender's view. A few to
        // spare: the sender learns of an answer just before the dispatcher counts that call done.
        this.dispatcher = new Dispatcher();
        int calls = config.maxInFlight() + Sender.WARM_UP_CALLS;
        dispatcher.setMaxRequests(calls);
        dispatcher.setMaxRequestsPerHost(calls);
        OkHttpClient sends = http.newBuilder().dispatcher(dispatcher).callTimeout(config.sendTimeout()).build();
        this.limiter = new RateLimiter(dataSource, config);
        this.sender = new Sender(dataSource, TelegramClients.client(sends, token, baseUrl), limiter, config, registry);
    }

    /**
     * An engine sending as the bot with {@code token} to the Bot API at {@code baseUrl}, over {@code http}'s
     * connections with each call limited to the configuration's send timeout, its meters in {@code registry}; not
     * yet started.
     */
    public static Delivery create(DeliveryConfig config, DataSource dataSource, OkHttpClient http, String token,
                                  URI baseUrl, MeterRegistry registry) {
        return new Delivery(config, dataSource, http, token, baseUrl, registry);
    }

    /** Starts claiming and sending due rows. */
    public void start() {
        sender.start();
    }

    /** The queue this engine sends from (the core's outbox): enqueue, progress, pause, resume, cancel. */
    public Outbox queue() {
        return queue;
    }

    /** The bot-wide budget, for replies to people chatting now ({@link RateLimiter#acquireReply}). */
    public RateLimiter rateLimiter() {
        return limiter;
    }

    /** Stops claiming, lets sends in flight finish and records them, and hands unsent claimed rows back. */
    @Override
    public void close() {
        sender.close();
        // The dispatcher's threads are this engine's; the connections belong to the caller's client.
        dispatcher.executorService().shutdown();
    }
}
