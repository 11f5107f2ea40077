package org.homeward.bot.delivery;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
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
    /**
     * The share of Telegram's free limit used: the rest absorbs network jitter (see {@link Lane}). Paid broadcasts
     * run at the full rate configured, never more in any second of this instance: Telegram states it as the
     * ceiling it allows and bills per message; an operator who wants a margin configures a lower rate.
     */
    private static final double FREE_HEADROOM = 0.99;

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
        this.free = new Lane(buckets, FREE_BUCKET, config.botRate(), FREE_HEADROOM, false);
        this.paid = config.paidRate() > 0 ? new Lane(buckets, PAID_BUCKET, config.paidRate(), 1.0, true) : null;
        this.perChat = config.perChatInterval();
    }

    /**
     * Waits for a bot-wide slot for a reply to a person chatting now, ahead of bulk sending. It does not space a
     * chat's own messages: a reply often comes as two or three messages at once, which Telegram allows in a short
     * burst, and the reply client honours a 429 if one comes.
     *
     * @return the {@link System#nanoTime} at which the slot was taken: the reply leaves now
     */
    public long acquireReply() throws InterruptedException {
        interactiveWaiting.incrementAndGet();
        try {
            free.bucket.asBlocking().consume(1);
        } finally {
            interactiveWaiting.decrementAndGet();
        }
        waitOutThrottle();
        return free.admit();
    }

    /**
     * Called by a bulk send just before it goes on the wire, in turn with the other bulk sends of this instance:
     * waits while any reply is waiting, for a token of the shared bucket and any 429 pause, then for its slot on
     * this instance's schedule and for room in the one-second window. The slot is taken at the wire, not earlier,
     * so a send held up on its way (a busy CPU, a slow pool) can never land on top of slots other instances use.
     *
     * @return the {@link System#nanoTime} at which the slot was taken (what the tests check, free of their own delays)
     */
    long acquireBulk(boolean paidBroadcast) throws InterruptedException {
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
            return lane.pace();
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

    /**
     * One shared bucket, this instance's prepaid share of it, and this instance's own pacing: bulk sends on an even
     * schedule, and no more than the limit in any window of one second (plus the headroom), replies included.
     */
    private static final class Lane {
        /** A delay up to this long is made up by the sends after it; a longer one is a pause, not made up. */
        private static final long CATCH_UP_NANOS = 100_000_000L;
        final Bucket bucket;
        final long chunk;
        private final double rate;
        private final long spacingNanos;
        /** Departure times of this instance's last sends, a ring: the oldest decides when the next may go. */
        private final long[] departures;
        private final long windowNanos;
        private final ReentrantLock windowLock = new ReentrantLock();
        private int oldest;
        private long prepaid;
        private long nextSlotNanos = System.nanoTime();
        private final ReentrantLock wire = new ReentrantLock(true);

        /**
         * @param headroom the share of {@code limit} used: below 1 leaves room for network jitter, so that a send
         *     arriving a few milliseconds late is unlikely to make a one-second window at Telegram hold one too many
         * @param chunked take the shared bucket's tokens in chunks, with room in the bucket to make up a delay
         *     (paid broadcasts at up to 1,000/s); otherwise a token per send, taken at its own slot, so that the
         *     sends of several instances interleave without two chunks landing in one second
         */
        Lane(ProxyManager<Long> buckets, long key, double limit, double headroom, boolean chunked) {
            this.rate = limit * headroom;
            this.chunk = chunked ? Math.max(1, (long) Math.floor(limit / RESERVATIONS_PER_SECOND)) : 1;
            long nanosPerChunk = Math.round(chunk * 1e9 / rate);
            this.spacingNanos = Math.round(1e9 / rate);
            this.departures = new long[(int) Math.max(1, Math.floor(limit))];
            // `limit` sends per window at `rate`: 30 per 1.0101 s at 99% of 30/s, 1,000 per 1 s at 100% of 1,000/s.
            this.windowNanos = Math.round(departures.length * 1e9 / rate);
            Arrays.fill(departures, System.nanoTime() - 2 * windowNanos);
            long capacity = chunked ? Math.max(chunk, Math.round(rate * CATCH_UP_NANOS / 1e9)) : chunk;
            BucketConfiguration configuration = BucketConfiguration.builder()
                    .addLimit(l -> l.capacity(capacity).refillGreedy(chunk, Duration.ofNanos(nanosPerChunk)))
                    .build();
            this.bucket = buckets.builder()
                    // Another instance may have stored another rate: the configuration of this start wins.
                    .withImplicitConfigurationReplacement(Math.round(rate * 1000), TokensInheritanceStrategy.RESET)
                    .build(key, () -> configuration);
        }

        /** Blocks until one token of this lane is this instance's; under {@link #wire}. */
        void acquire() throws InterruptedException {
            if (prepaid == 0) {
                // A reservation: Bucket4j hands out future slots in order and we sleep until ours, so no slot is lost
                // to the time between polls. The bucket keeps every instance together under the limit on average.
                bucket.asBlocking().consume(chunk);
                prepaid = chunk;
            }
            prepaid--;
        }

        /**
         * Waits for this bulk send's slot on the schedule, then for room in the window; under {@link #wire}.
         *
         * <p>The schedule is kept, not restarted from each late send: a send held up a few milliseconds (the
         * bucket's database round trip, a busy CPU, a garbage collection) would otherwise push every later one
         * back, and those milliseconds add up to a slower rate; the sends after it make up the delay, as far as
         * the window allows. After a pause longer than {@link #CATCH_UP_NANOS} (nothing to send) the schedule
         * starts afresh.
         */
        long pace() throws InterruptedException {
            long slot = nextSlotNanos;
            if (System.nanoTime() - slot > CATCH_UP_NANOS) {
                slot = System.nanoTime();
            }
            parkUntil(slot);
            long departure = admit();
            nextSlotNanos = slot + spacingNanos;
            return departure;
        }

        /**
         * Waits until this instance's last {@code limit} sends, bulk and replies, all left more than a window
         * ago, and records this one as leaving now: the hard cap, however sends bunch up. Returns that time.
         */
        long admit() throws InterruptedException {
            while (true) {
                long wait;
                windowLock.lock();
                try {
                    wait = departures[oldest] + windowNanos - System.nanoTime();
                    if (wait <= 0) {
                        long now = System.nanoTime();
                        departures[oldest] = now;
                        oldest = (oldest + 1) % departures.length;
                        return now;
                    }
                } finally {
                    windowLock.unlock();
                }
                parkUntil(System.nanoTime() + wait);
            }
        }

        private static void parkUntil(long deadline) throws InterruptedException {
            long wait;
            while ((wait = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }

        void debt(Duration retryAfter) {
            long available = Math.max(0, bucket.getAvailableTokens());
            bucket.consumeIgnoringRateLimits(available + (long) Math.ceil(retryAfter.toNanos() * rate / 1e9));
        }
    }
}
