package org.homeward.bot.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.homeward.core.outbox.Outbox;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The delivery engine of one Homeward instance: the queue, the shared rate limiter and the sender. Several
 * instances may run on one database; each row is sent by one of them and the bot-wide rate is shared.
 *
 * <p>Wiring: {@code Delivery.create(config, database.dataSource(), telegramClient, registry)}, then {@link #start()}
 * once the database is migrated, and {@link #close()} before the database is closed.
 */
public final class Delivery implements AutoCloseable {
    private final Outbox queue = new Outbox();
    private final RateLimiter limiter;
    private final Sender sender;

    private Delivery(DeliveryConfig config, DataSource dataSource, TelegramClient telegram, MeterRegistry registry) {
        this.limiter = new RateLimiter(dataSource, config);
        this.sender = new Sender(dataSource, telegram, limiter, config, registry);
    }

    /** An engine sending through {@code telegram}, its meters in {@code registry}; not yet started. */
    public static Delivery create(DeliveryConfig config, DataSource dataSource, TelegramClient telegram,
                                  MeterRegistry registry) {
        return new Delivery(config, dataSource, telegram, registry);
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
    }
}
