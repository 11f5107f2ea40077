package org.homeward.bot.transport;

import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import org.homeward.core.people.ChatPseudonym;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** Tells a person, in their language, that their message could not be handled this time. */
final class Apology {
    private static final Logger LOG = LoggerFactory.getLogger(Apology.class);

    private final DSLContext dsl;
    private final TelegramClient telegram;

    Apology(DSLContext dsl, TelegramClient telegram) {
        this.dsl = dsl;
        this.telegram = telegram;
    }

    void send(Update update) {
        if (!Updates.isPrivate(update)) {
            return;
        }
        long chatId = Updates.chatId(update);
        try {
            if (update.hasCallbackQuery()) {
                // Stop the button's spinner (https://core.telegram.org/bots/api#answercallbackquery).
                telegram.execute(new AnswerCallbackQuery(update.getCallbackQuery().getId()));
            }
            telegram.execute(new SendMessage(String.valueOf(chatId), Messages.get().format(language(update, chatId), "error.apology")));
        } catch (Exception e) {
            LOG.warn("could not apologise to chat {}: {}", ChatPseudonym.of(chatId), e.getClass().getSimpleName());
        }
    }

    private Language language(Update update, long chatId) {
        String stored = null;
        try {
            stored = dsl.select(TELEGRAM_USER.LANGUAGE).from(TELEGRAM_USER)
                    .where(TELEGRAM_USER.CHAT_ID.eq(chatId)).fetchOne(TELEGRAM_USER.LANGUAGE);
        } catch (RuntimeException e) {
            // The database may be why we apologise; fall back to Telegram's language setting.
        }
        return Language.fromCode(stored)
                .or(() -> Updates.from(update).flatMap(u -> Language.fromTelegram(u.getLanguageCode())))
                .orElse(Messages.BASE);
    }
}
