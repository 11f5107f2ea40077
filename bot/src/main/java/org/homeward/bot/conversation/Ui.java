package org.homeward.bot.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendLocation;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboard;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardRow;

/**
 * What one update makes the bot say, in the person's language. Collected while the update is handled and sent
 * only after the database has committed, so a failed update leaves no half-told story.
 */
final class Ui {
    /** One inline button: a label key (or a ready label) and its callback data (at most 64 bytes). */
    record Button(String label, String data) {}

    private final long chatId;
    private Language language;
    private final List<BotApiMethod<?>> out = new ArrayList<>();
    /** The pressed message whose buttons have done their job, unless this update edits them in place. */
    private Integer spent;

    Ui(long chatId, Language language) {
        this.chatId = chatId;
        this.language = language;
    }

    Language language() {
        return language;
    }

    void language(Language language) {
        this.language = language;
    }

    /** What to send, in order: a spent keyboard's removal first, so it is gone before the next question comes. */
    List<BotApiMethod<?>> methods() {
        if (spent == null) {
            return out;
        }
        List<BotApiMethod<?>> all = new ArrayList<>();
        all.add(EditMessageReplyMarkup.builder().chatId(chatId).messageId(spent).build());
        all.addAll(out);
        return all;
    }

    /** The text for a key in the person's language. */
    String t(String key, Object... namesAndValues) {
        return t(language, key, namesAndValues);
    }

    static String t(Language language, String key, Object... namesAndValues) {
        Map<String, Object> args = new java.util.HashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            args.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return Messages.get().format(language, key, args);
    }

    /** Sends a text without changing the keyboard. */
    void say(String text) {
        send(text, null);
    }

    void send(String text, ReplyKeyboard keyboard) {
        out.add(SendMessage.builder().chatId(chatId).text(text).replyMarkup(keyboard).build());
    }

    /** Sends a text with inline buttons, one list per row. */
    void ask(String text, List<List<Button>> rows) {
        send(text, inline(rows));
    }

    void location(double latitude, double longitude) {
        out.add(SendLocation.builder().chatId(chatId).latitude(latitude).longitude(longitude).build());
    }

    void editButtons(int messageId, List<List<Button>> rows) {
        if (spent != null && spent == messageId) {
            spent = null;
        }
        out.add(EditMessageReplyMarkup.builder().chatId(chatId).messageId(messageId).replyMarkup(inline(rows)).build());
    }

    /**
     * Removes the buttons of the message pressed, once this update is handled: an answered question's buttons
     * would stay under it as dead buttons. Without reply_markup, editMessageReplyMarkup removes the inline keyboard
     * (https://core.telegram.org/bots/api#editmessagereplymarkup). An edit of that message in place keeps them.
     */
    void spent(int messageId) {
        spent = messageId;
    }

    static InlineKeyboardMarkup inline(List<List<Button>> rows) {
        List<InlineKeyboardRow> keyboard = new ArrayList<>();
        for (List<Button> row : rows) {
            InlineKeyboardRow r = new InlineKeyboardRow();
            for (Button b : row) {
                r.add(InlineKeyboardButton.builder().text(b.label()).callbackData(b.data()).build());
            }
            keyboard.add(r);
        }
        return InlineKeyboardMarkup.builder().keyboard(keyboard).build();
    }

    /** Buttons in rows of {@code perRow}. */
    static List<List<Button>> grid(List<Button> buttons, int perRow) {
        List<List<Button>> rows = new ArrayList<>();
        for (int i = 0; i < buttons.size(); i += perRow) {
            rows.add(new ArrayList<>(buttons.subList(i, Math.min(buttons.size(), i + perRow))));
        }
        return rows;
    }

    /**
     * The persistent main menu under the typing field (https://core.telegram.org/bots/api#replykeyboardmarkup,
     * {@code is_persistent}), so the main actions are always one tap away.
     */
    ReplyKeyboardMarkup menu(boolean registered) {
        return ReplyKeyboardMarkup.builder()
                .keyboardRow(new KeyboardRow(List.of(new KeyboardButton(t(registered ? "btn.menu.myreg" : "btn.menu.register")))))
                .keyboardRow(new KeyboardRow(List.of(new KeyboardButton(t("btn.menu.requirements")),
                        new KeyboardButton(t("btn.menu.departure")))))
                .keyboardRow(new KeyboardRow(List.of(new KeyboardButton(t("btn.menu.mydata")),
                        new KeyboardButton(t("btn.menu.help")))))
                .keyboardRow(new KeyboardRow(List.of(new KeyboardButton(t("btn.menu.language")))))
                .resizeKeyboard(true)
                .isPersistent(true)
                .build();
    }

    /** A keyboard with Telegram's share-contact button, which sends the person's own number on a tap. */
    ReplyKeyboardMarkup shareContact() {
        return ReplyKeyboardMarkup.builder()
                .keyboardRow(new KeyboardRow(List.of(KeyboardButton.builder().text(t("btn.share_contact")).requestContact(true).build())))
                .keyboardRow(new KeyboardRow(List.of(new KeyboardButton(t("btn.menu.back")))))
                .resizeKeyboard(true)
                .isPersistent(true)
                .build();
    }

    /** A keyboard with Telegram's share-location button. */
    ReplyKeyboardMarkup shareLocation() {
        return ReplyKeyboardMarkup.builder()
                .keyboardRow(new KeyboardRow(List.of(KeyboardButton.builder().text(t("btn.share_location")).requestLocation(true).build())))
                .keyboardRow(new KeyboardRow(List.of(new KeyboardButton(t("btn.menu.back")))))
                .resizeKeyboard(true)
                .isPersistent(true)
                .build();
    }
}
