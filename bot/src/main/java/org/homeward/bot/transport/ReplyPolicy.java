package org.homeward.bot.transport;

import java.time.Duration;

/**
 * How replies are sent and retried; built once and checked at start.
 *
 * @param callTimeout the longest one Bot API call may take, connecting to reading its answer; longer is a transient
 *     failure, tried again
 * @param lease how long the sending lane owns a stored reply; another instance (or this one after a restart) takes
 *     over only once it has passed, so it must outlive a call: at least twice {@code callTimeout}
 * @param staleAfter an answer still unsent after this long is replaced by one "sorry for the delay" and the
 *     question the chat is on now
 * @param firstBackoff the wait after the first transient failure (a 5xx, a timeout, a dropped connection, the
 *     database away); doubled after each further one, with jitter
 * @param maxBackoff the longest wait between two tries
 * @param sweepEvery how often stored replies whose sender is gone are looked for
 */
public record ReplyPolicy(Duration callTimeout, Duration lease, Duration staleAfter, Duration firstBackoff,
                          Duration maxBackoff, Duration sweepEvery) {
    /** Checks every value. */
    public ReplyPolicy {
        if (callTimeout.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("reply callTimeout must be at least 100 ms");
        }
        if (lease.compareTo(callTimeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("reply lease must be at least twice the call timeout");
        }
        if (staleAfter.compareTo(lease) < 0) {
            throw new IllegalArgumentException("reply staleAfter must be at least the lease");
        }
        if (firstBackoff.isNegative() || firstBackoff.isZero() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("reply backoff must be positive, its maximum at least its first");
        }
        if (sweepEvery.isNegative() || sweepEvery.isZero()) {
            throw new IllegalArgumentException("reply sweepEvery must be positive");
        }
    }

    /**
     * Calls of 8 s at most (Telegram answers in well under a second), leases of 20 s (also how long a reply waits
     * to be taken over after a crash), answers stale after 10 minutes, back-off from 0.5 s to 30 s, a sweep every 5 s.
     */
    public static ReplyPolicy defaults() {
        return new ReplyPolicy(Duration.ofSeconds(8), Duration.ofSeconds(20), Duration.ofMinutes(10),
                Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(5));
    }
}
