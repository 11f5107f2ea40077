package org.homeward.bot.transport;

/** Takes a bot-wide slot before a reply goes out, so replies and bulk sends share Telegram's budget. */
@FunctionalInterface
public interface Pacer {
    /** No pacing: for tests and benchmarks of the bot's own capacity. */
    Pacer NONE = () -> {};

    /** Waits until a reply may be sent. */
    void beforeReply() throws InterruptedException;
}
