package org.homeward.bot.transport;

import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import java.util.ArrayList;
import java.util.List;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.jooq.DSLContext;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.Update;

/** Tells a person, in their language, that their message could not be handled this time. */
final class Apology {
    private Apology() {}

    /** The replies for an update whose handling failed: none outside private chats. */
    static List<Reply> replies(DSLContext tx, Update update) {
        if (!Updates.isPrivate(update)) {
            return List.of();
        }
        long chatId = Updates.chatId(update);
        List<Reply> replies = new ArrayList<>(2);
        if (update.hasCallbackQuery()) {
            // Stop the button's spinner (https://core.telegram.org/bots/api#answercallbackquery).
            replies.add(Reply.tidy(new AnswerCallbackQuery(update.getCallbackQuery().getId())));
        }
        replies.add(Reply.message(new SendMessage(String.valueOf(chatId),
                Messages.get().format(language(tx, update, chatId), "error.apology"))));
        return replies;
    }

    private static Language language(DSLContext tx, Update update, long chatId) {
        String stored = tx.select(TELEGRAM_USER.LANGUAGE).from(TELEGRAM_USER)
                .where(TELEGRAM_USER.CHAT_ID.eq(chatId)).fetchOne(TELEGRAM_USER.LANGUAGE);
        return Language.fromCode(stored)
                .or(() -> Updates.from(update).flatMap(u -> Language.fromTelegram(u.getLanguageCode())))
                .orElse(Messages.BASE);
    }
}
