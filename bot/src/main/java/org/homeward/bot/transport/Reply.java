package org.homeward.bot.transport;

import java.util.Objects;
import org.homeward.db.enums.ReplyKind;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;

/**
 * One call the bot makes in answer to an update. The transport stores it in the update's transaction and sends it,
 * in order with the update's other replies, once that transaction has committed.
 *
 * @param method the Bot API call
 * @param kind how it is tried: {@link ReplyKind#MESSAGE} until sent or stale, {@link ReplyKind#QUESTION} likewise and
 *     its message id reported back, {@link ReplyKind#TIDY} briefly and dropped when refused
 */
public record Reply(BotApiMethod<?> method, ReplyKind kind) {
    /** Checks both are given ({@link ReplyKind#RESUME} is what the transport makes of a resumption's messages). */
    public Reply {
        Objects.requireNonNull(method);
        Objects.requireNonNull(kind);
    }

    /** An answer the person must get. */
    public static Reply message(BotApiMethod<?> method) {
        return new Reply(method, ReplyKind.MESSAGE);
    }

    /** An answer whose message id the handler wants once it is sent ({@link UpdateHandler#questionSent}). */
    public static Reply question(BotApiMethod<?> method) {
        return new Reply(method, ReplyKind.QUESTION);
    }

    /** A call that only tidies (a callback answer, a keyboard removal): tried briefly, a refusal ignored. */
    public static Reply tidy(BotApiMethod<?> method) {
        return new Reply(method, ReplyKind.TIDY);
    }
}
