package org.homeward.bot.transport;

import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * What the transport hands each stored update to: called one update at a time per chat, in arrival order,
 * many chats in parallel (on virtual threads). An exception is recorded by the transport and the person gets
 * an apology; the update is never lost and never applied twice.
 */
@FunctionalInterface
public interface UpdateHandler {
    /** Handles one update; replies go through the Telegram client the handler was built with. */
    void handle(Update update) throws Exception;
}
