package org.homeward.telegram.fake;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Telegram's send limits for one bot, off by default and switchable at run time: about 30 messages per second
 * overall and about one per second per chat with short bursts
 * (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this). Exceeding them answers
 * 429 "Too Many Requests: retry after N" with {@code parameters.retry_after}.
 */
public final class Limits {
    private volatile boolean enabled;
    private volatile int perSecond = 30;
    private volatile double perChatPerSecond = 1;
    private volatile int perChatBurst = 3;
    private volatile Bucket global;
    private final ConcurrentHashMap<Long, Bucket> perChat = new ConcurrentHashMap<>();

    Limits() {
        rebuild();
    }

    /** Switches the limits on or off. */
    public synchronized Limits enabled(boolean on) {
        this.enabled = on;
        rebuild();
        return this;
    }

    /** Whether the limits are on. */
    public boolean enabled() {
        return enabled;
    }

    /** Messages per second for the whole bot (default 30). */
    public synchronized Limits perSecond(int messages) {
        if (messages < 1) throw new IllegalArgumentException("at least 1 message per second");
        this.perSecond = messages;
        rebuild();
        return this;
    }

    /** Messages per second to one chat (default 1) and the burst allowed above it (default 3). */
    public synchronized Limits perChat(double messagesPerSecond, int burst) {
        if (!(messagesPerSecond > 0) || burst < 1) throw new IllegalArgumentException("rate > 0 and burst >= 1");
        this.perChatPerSecond = messagesPerSecond;
        this.perChatBurst = burst;
        rebuild();
        return this;
    }

    private void rebuild() {
        global = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
        perChat.clear();
    }

    /** Takes a send token for {@code chatId}; throws 429 with the seconds until one is free. */
    void acquire(long chatId) {
        if (!enabled) return;
        Bucket chat = perChat.computeIfAbsent(chatId, id -> {
            long periodNanos = (long) (1_000_000_000L / perChatPerSecond);
            return Bucket.builder().addLimit(Bandwidth.builder().capacity(perChatBurst)
                    .refillGreedy(1, Duration.ofNanos(periodNanos)).build()).build();
        });
        ConsumptionProbe c = chat.tryConsumeAndReturnRemaining(1);
        if (!c.isConsumed()) throw ApiException.tooManyRequests(seconds(c.getNanosToWaitForRefill()));
        ConsumptionProbe g = global.tryConsumeAndReturnRemaining(1);
        if (!g.isConsumed()) {
            chat.addTokens(1); // the chat's token was not used
            throw ApiException.tooManyRequests(seconds(g.getNanosToWaitForRefill()));
        }
    }

    private static int seconds(long nanos) {
        return (int) Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
