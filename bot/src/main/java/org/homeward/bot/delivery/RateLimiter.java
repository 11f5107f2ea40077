package org.homeward.bot.delivery;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Telegram's limits for the whole bot, shared by every Homeward instance on one database through Bucket4j's
 * PostgreSQL backend, plus about one message per second per chat (local to this instance).
 *
 * <p>Replies to people chatting right now take from the same bot-wide budget with priority: the bulk sender
 * reserves one slot at a time, just before it is due, and waits while any reply is waiting.
 */
public final class RateLimiter {
    private static final long FREE_BUCKET = 1;
    private static final long PAID_BUCKET = 2;
    /** Bot-wide reservations per second at most: larger rates take tokens in chunks, keeping the bucket row cool. */
    private static final double RESERVATIONS_PER_SECOND = 50;
    /** The share of Telegram's limit used: the rest absorbs network jitter (see {@link Lane}). */
    private static final double HEADROOM = 0.985;

    private final Lane free;
    private final Lane paid;
    private final Duration perChat;
    private final Map<Long, Bucket> chats = new ConcurrentHashMap<>();
    private final AtomicInteger interactiveWaiting = new AtomicInteger();
    private volatile long pausedUntilNanos = System.nanoTime();

    RateLimiter(DataSource dataSource, DeliveryConfig config) {
        ProxyManager<Long> buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .table("delivery_rate_bucket")
                .build();
        this.free = new Lane(buckets, FREE_BUCKET, config.botRate());
        this.paid = config.paidRate() > 0 ? new Lane(buckets, PAID_BUCKET, config.paidRate()) : null;
        this.perChat = config.perChatInterval();
    }

    /**
     * Waits for a slot to send a reply to a person chatting now (ahead of bulk sending), then for the chat's own
     * limit; call it before each reply.
     */
    public void acquireInteractive(long chatId) throws InterruptedException {
        interactiveWaiting.incrementAndGet();
        try {
            free.bucket.asBlocking().consume(1);
        } finally {
            interactiveWaiting.decrementAndGet();
        }
        long wait = chatWaitNanos(chatId, true);
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        waitOutThrottle();
    }

    /**
     * Waits for a bot-wide slot for a reply to a person chatting now, ahead of bulk sending. Unlike
     * {@link #acquireInteractive} it does not space a chat's own messages: a reply often comes as two or three
     * messages at once, which Telegram allows in a short burst, and the reply client honours a 429 if one comes.
     */
    public void acquireReply() throws InterruptedException {
        interactiveWaiting.incrementAndGet();
        try {
            free.bucket.asBlocking().consume(1);
        } finally {
            interactiveWaiting.decrementAndGet();
        }
        waitOutThrottle();
    }

    /**
     * Called by a bulk send just before it goes on the wire, in turn with the other bulk sends of this instance:
     * waits while any reply is waiting, for a slot of the shared bucket and any 429 pause, and keeps this instance's
     * sends at least one slot apart. The slot is taken at the wire, not earlier, so a send held up on its way
     * (a busy CPU, a slow pool) can never land on top of slots other instances are using.
     */
    void acquireBulk(boolean paidBroadcast) throws InterruptedException {
        Lane lane = paidBroadcast && paid != null ? paid : free;
        lane.wire.lockInterruptibly();
        try {
            while (interactiveWaiting.get() > 0) {
                LockSupport.parkNanos(1_000_000);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            lane.acquire();
            waitOutThrottle();
            lane.pace();
        } finally {
            lane.wire.unlock();
        }
    }

    /** True when paid broadcasts are enabled. */
    boolean paidEnabled() {
        return paid != null;
    }

    /**
     * Takes the chat's slot if it is free now; otherwise returns how long until it is (and takes nothing).
     */
    long chatWaitNanos(long chatId, boolean take) {
        if (perChat.isZero()) {
            return 0;
        }
        Bucket bucket = chats.computeIfAbsent(chatId, id -> Bucket.builder()
                .addLimit(l -> l.capacity(1).refillGreedy(1, perChat)).build());
        if (take) {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                bucket.consumeIgnoringRateLimits(1);
                return probe.getNanosToWaitForRefill();
            }
            return 0;
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill();
    }

    /** Forgets chats whose slot is free again, so the map holds only recently messaged chats. */
    void sweep() {
        chats.values().removeIf(b -> b.getAvailableTokens() >= 1);
    }

    /**
     * Telegram answered 429: nothing may be sent for {@code retryAfter}. Puts the shared buckets in debt so every
     * instance waits, and holds this instance's senders until then
     * (https://core.telegram.org/bots/api#responseparameters).
     */
    void throttle(Duration retryAfter) {
        long until = System.nanoTime() + retryAfter.toNanos();
        synchronized (this) {
            // Several sends in flight get the same 429; only one that extends the pause noticeably adds debt.
            if (until - pausedUntilNanos < 500_000_000L) {
                return;
            }
            pausedUntilNanos = until;
        }
        free.debt(retryAfter);
        if (paid != null) {
            paid.debt(retryAfter);
        }
    }

    void waitOutThrottle() throws InterruptedException {
        long wait = pausedUntilNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** One shared bucket and this instance's prepaid share of it. */
    private static final class Lane {
        final Bucket bucket;
        final double rate;
        final long chunk;
        final long nanosPerChunk;
        private long prepaid;
        private long lastChunkNanos = System.nanoTime() - 1_000_000_000L;
        private final java.util.concurrent.locks.ReentrantLock wire = new java.util.concurrent.locks.ReentrantLock(true);
        private long lastWireNanos = System.nanoTime() - 1_000_000_000L;

        Lane(ProxyManager<Long> buckets, long key, double limit) {
            this.chunk = Math.max(1, (long) Math.floor(limit / RESERVATIONS_PER_SECOND));
            // A little under the limit, so that no one-second window (sliding or on the clock) ever holds more than
            // `limit` sends: a chunk goes out at once when its last token is due, and a few milliseconds of network
            // jitter must not push one send into the next window.
            this.rate = Math.min(limit * HEADROOM, chunk * (Math.floor(limit / chunk) - 1) + chunk * HEADROOM);
            // Capacity of one chunk: after a quiet spell at most one chunk goes out at once, then the steady rate.
            this.nanosPerChunk = Math.round(chunk * 1e9 / rate);
            BucketConfiguration configuration = BucketConfiguration.builder()
                    .addLimit(l -> l.capacity(chunk).refillGreedy(chunk, Duration.ofNanos(nanosPerChunk)))
                    .build();
            this.bucket = buckets.builder()
                    // Another instance may have stored another rate: the configuration of this start wins.
                    .withImplicitConfigurationReplacement(Math.round(rate * 1000),
                            io.github.bucket4j.TokensInheritanceStrategy.RESET)
                    .build(key, () -> configuration);
        }

        /** Blocks until one token of this lane is this instance's; under {@link #wire}. */
        void acquire() throws InterruptedException {
            if (prepaid == 0) {
                // A reservation: Bucket4j hands out future slots in order and we sleep until ours, so no slot is lost
                // to the time between polls.
                bucket.asBlocking().consume(chunk);
                // Waking from the reservation is late by the database round trip, by a varying few milliseconds; a
                // late chunk must not be followed at once by an on-time one, or two would land in one window.
                long wait = lastChunkNanos + nanosPerChunk - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                lastChunkNanos = System.nanoTime();
                prepaid = chunk;
            }
            prepaid--;
        }

        /** Keeps consecutive sends one slot apart, from when the previous one really left; under {@link #wire}. */
        void pace() {
            long spacing = nanosPerChunk / chunk;
            long wait;
            while ((wait = lastWireNanos + spacing - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            lastWireNanos = System.nanoTime();
        }

        void debt(Duration retryAfter) {
            long available = Math.max(0, bucket.getAvailableTokens());
            bucket.consumeIgnoringRateLimits(available + (long) Math.ceil(retryAfter.toNanos() * rate / 1e9));
        }
    }
}
