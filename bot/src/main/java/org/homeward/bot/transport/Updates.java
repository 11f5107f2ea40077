package org.homeward.bot.transport;

import java.util.Optional;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;

/** Where an update comes from, whatever its kind (https://core.telegram.org/bots/api#update). */
final class Updates {
    private Updates() {}

    /** The chat the update belongs to, or 0 when it has none (inline queries and the like). */
    static long chatId(Update u) {
        if (u.hasMessage()) {
            return u.getMessage().getChatId();
        }
        if (u.hasEditedMessage()) {
            return u.getEditedMessage().getChatId();
        }
        if (u.hasCallbackQuery()) {
            var q = u.getCallbackQuery();
            // An old message may come back as "inaccessible", still with its chat.
            return q.getMessage() != null ? q.getMessage().getChatId() : q.getFrom().getId();
        }
        if (u.hasMyChatMember()) {
            return u.getMyChatMember().getChat().getId();
        }
        if (u.hasChatMember()) {
            return u.getChatMember().getChat().getId();
        }
        if (u.hasChannelPost()) {
            return u.getChannelPost().getChatId();
        }
        if (u.hasEditedChannelPost()) {
            return u.getEditedChannelPost().getChatId();
        }
        return from(u).map(User::getId).orElse(0L);
    }

    /** The person who caused the update, when there is one. */
    static Optional<User> from(Update u) {
        if (u.hasMessage()) {
            return Optional.ofNullable(u.getMessage().getFrom());
        }
        if (u.hasEditedMessage()) {
            return Optional.ofNullable(u.getEditedMessage().getFrom());
        }
        if (u.hasCallbackQuery()) {
            return Optional.ofNullable(u.getCallbackQuery().getFrom());
        }
        if (u.hasInlineQuery()) {
            return Optional.ofNullable(u.getInlineQuery().getFrom());
        }
        if (u.hasMyChatMember()) {
            return Optional.ofNullable(u.getMyChatMember().getFrom());
        }
        return Optional.empty();
    }

    /** True when the update comes from a private chat, where the bot may answer a person directly. */
    static boolean isPrivate(Update u) {
        if (u.hasMessage()) {
            return u.getMessage().getChat().isUserChat();
        }
        if (u.hasEditedMessage()) {
            return u.getEditedMessage().getChat().isUserChat();
        }
        if (u.hasCallbackQuery()) {
            var m = u.getCallbackQuery().getMessage();
            return m == null || m.getChatId() > 0;
        }
        return false;
    }
}
