package org.homeward.bot.delivery;

import java.time.Duration;

/**
 * How the delivery engine sends; built once and checked at start.
 *
 * @param botRate messages per second for the whole bot, shared by every instance on the database (Telegram allows
 *     about 30, https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this)
 * @param paidRate messages per second for messages sent as paid broadcasts (up to 1000); 0 sends them at
 *     {@code botRate} without {@code allow_paid_broadcast}
 * @param perChatInterval least time between two messages to one chat (Telegram: about one per second)
 * @param maxTries send attempts before a row ends as failed (transient failures only)
 * @param backoff wait after the first transient failure; doubled after each further one
 * @param lease how long a claimed row belongs to its sender; after that another sender may take it over. At least
 *     twice {@code sendTimeout}: a send starts only while its call cannot outlast the lease (issue 10, item 5)
 * @param sendTimeout the most one send's call to Telegram may take, connecting, writing and reading (OkHttp's call
 *     timeout); a send without an answer by then is a transient failure, tried again after its back-off
 * @param maxInFlight most sends waiting for Telegram's answer at once
 * @param idlePoll pause between claims while nothing is due
 */
public record DeliveryConfig(double botRate, double paidRate, Duration perChatInterval, int maxTries,
                             Duration backoff, Duration lease, Duration sendTimeout, int maxInFlight,
                             Duration idlePoll) {
    /** Checks every value. */
    public DeliveryConfig {
        if (!(botRate > 0 && botRate <= 1000)) {
            throw new IllegalArgumentException("botRate must be in (0, 1000]");
        }
        if (!(paidRate >= 0 && paidRate <= 1000)) {
            throw new IllegalArgumentException("paidRate must be in [0, 1000]");
        }
        if (perChatInterval.isNegative() || maxTries < 1 || backoff.isNegative()
                || lease.compareTo(Duration.ofSeconds(1)) < 0 || maxInFlight < 1 || idlePoll.isNegative()) {
            throw new IllegalArgumentException("invalid delivery configuration");
        }
        if (sendTimeout.toMillis() < 1) {
            // OkHttp counts whole milliseconds, and takes 0 for no timeout at all.
            throw new IllegalArgumentException("sendTimeout must be at least 1 ms");
        }
        if (lease.compareTo(sendTimeout.multipliedBy(2)) < 0) {
            // Otherwise another sender could take a row over while its first send may still go through.
            throw new IllegalArgumentException("lease (" + lease + ") must be at least twice sendTimeout ("
                    + sendTimeout + ")");
        }
    }

    /**
     * Telegram's free limits: 30 messages/s, no paid broadcasts, 1 message/s per chat, 3 tries; a 60 s lease over
     * sends of at most 20 s.
     */
    public static DeliveryConfig defaults() {
        return new DeliveryConfig(30, 0, Duration.ofSeconds(1), 3, Duration.ofSeconds(5), Duration.ofSeconds(60),
                Duration.ofSeconds(20), 100, Duration.ofMillis(250));
    }

    /** This configuration with another bot-wide rate. */
    public DeliveryConfig withBotRate(double rate) {
        return new DeliveryConfig(rate, paidRate, perChatInterval, maxTries, backoff, lease, sendTimeout, maxInFlight,
                idlePoll);
    }

    /** This configuration with paid broadcasts at {@code rate} messages per second. */
    public DeliveryConfig withPaidRate(double rate) {
        return new DeliveryConfig(botRate, rate, perChatInterval, maxTries, backoff, lease, sendTimeout, maxInFlight,
                idlePoll);
    }

    /** This configuration with another back-off after a transient failure. */
    public DeliveryConfig withBackoff(Duration first) {
        return new DeliveryConfig(botRate, paidRate, perChatInterval, maxTries, first, lease, sendTimeout, maxInFlight,
                idlePoll);
    }

    /** This configuration with another lease (at least twice the send timeout). */
    public DeliveryConfig withLease(Duration lease) {
        return new DeliveryConfig(botRate, paidRate, perChatInterval, maxTries, backoff, lease, sendTimeout, maxInFlight,
                idlePoll);
    }

    /** This configuration with another send timeout (at most half the lease). */
    public DeliveryConfig withSendTimeout(Duration timeout) {
        return new DeliveryConfig(botRate, paidRate, perChatInterval, maxTries, backoff, lease, timeout, maxInFlight,
                idlePoll);
    }

    /** This configuration with another per-chat interval. */
    public DeliveryConfig withPerChatInterval(Duration interval) {
        return new DeliveryConfig(botRate, paidRate, interval, maxTries, backoff, lease, sendTimeout, maxInFlight,
                idlePoll);
    }
}
