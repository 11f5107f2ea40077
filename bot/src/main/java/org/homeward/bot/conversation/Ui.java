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
    /**
     * Messages whose buttons have done their job, in order: the pressed one unless this update edits it in place,
     * and the question left open before this update once it has moved on.
     */
    private final java.util.Set<Integer> spent = new java.util.LinkedHashSet<>();
    /** Messages whose buttons this update edits in place: they stay live. */
    private final java.util.Set<Integer> edited = new java.util.HashSet<>();
    /** A short text shown on the pressed button's answer (https://core.telegram.org/bots/api#answercallbackquery). */
    private String toast;

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

    /** What to send, in order: spent keyboards' removals first, so they are gone before the next question comes. */
    List<BotApiMethod<?>> methods() {
        if (spent.isEmpty()) {
            return out;
        }
        List<BotApiMethod<?>> all = new ArrayList<>();
        for (int messageId : spent) {
            all.add(EditMessageReplyMarkup.builder().chatId(chatId).messageId(messageId).build());
        }
        all.addAll(out);
        return all;
    }

    /** Whether this update asks a question with buttons bound to a state, which then becomes the open one. */
    boolean asksQuestion() {
        return out.stream().anyMatch(Ui::isQuestion);
    }

    /**
     * A message with inline buttons bound to a state ({@code STATE:value}): they mean something only while the chat
     * is at that question. Buttons that work from anywhere ({@code g:}, language) are not a question's.
     */
    static boolean isQuestion(BotApiMethod<?> method) {
        if (!(method instanceof SendMessage send) || !(send.getReplyMarkup() instanceof InlineKeyboardMarkup markup)) {
            return false;
        }
        return markup.getKeyboard().stream().flatMap(List::stream).map(InlineKeyboardButton::getCallbackData)
                .anyMatch(Ui::stateBound);
    }

    private static boolean stateBound(String data) {
        if (data == null) {
            return false;
        }
        int colon = data.indexOf(':');
        String prefix = colon < 0 ? data : data.substring(0, colon);
        if (prefix.equals(State.LANGUAGE.name())) {
            return false;
        }
        for (State state : State.values()) {
            if (state.name().equals(prefix)) {
                return true;
            }
        }
        return false;
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

    /** Shows {@code text} briefly over the chat as the answer to the button pressed (at most 200 characters). */
    void toast(String text) {
        toast = text;
    }

    /** The text for the pressed button's answer, or null for none. */
    String toast() {
        return toast;
    }

    /**
     * Replaces message {@code messageId}'s text, and with it its inline buttons (none are sent, so they go;
     * https://core.telegram.org/bots/api#editmessagetext).
     */
    void editText(int messageId, String text) {
        spent.remove(messageId);
        edited.add(messageId);
        out.add(org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText.builder()
                .chatId(chatId).messageId(messageId).text(text).build());
    }

    void editButtons(int messageId, List<List<Button>> rows) {
        spent.remove(messageId);
        edited.add(messageId);
        out.add(EditMessageReplyMarkup.builder().chatId(chatId).messageId(messageId).replyMarkup(inline(rows)).build());
    }

    /**
     * Removes the buttons of the message pressed, once this update is handled: an answered question's buttons
     * would stay under it as dead buttons. Without reply_markup, editMessageReplyMarkup removes the inline keyboard
     * (https://core.telegram.org/bots/api#editmessagereplymarkup). An edit of that message in place keeps them.
     */
    void spent(int messageId) {
        spent.add(messageId);
    }

    /**
     * Removes the buttons of a question the chat has moved on from, unless this update edits them in place. A press
     * on that very message may have removed them already: the same removal is not sent twice.
     */
    void retire(int messageId) {
        if (!edited.contains(messageId)) {
            spent.add(messageId);
        }
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
