package org.homeward.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A message in a chat as it stands now: sent by the bot (or, in {@link FakeBot#transcript}, by the user).
 *
 * @param messageId id within the chat; ids increase per chat
 * @param chatId the chat
 * @param fromBot whether the bot sent it
 * @param kind {@code text}, {@code location}, {@code contact}, {@code sticker}, {@code photo} or {@code callback_answer}
 * @param text current text (null for non-text kinds)
 * @param parseMode the parse_mode it was sent or last edited with, or null
 * @param replyMarkup the reply_markup as sent (inline, reply keyboard, remove keyboard, force reply), or null
 * @param previousTexts texts before each edit, oldest first
 * @param deleted whether it was deleted
 * @param date when it was sent
 * @param editDate when it was last edited, or null
 * @param latitude for locations
 * @param longitude for locations
 * @param version the chat's change counter when this message last changed (sent, edited or deleted)
 */
public record BotMessage(int messageId, long chatId, boolean fromBot, String kind, String text, String parseMode,
        JsonNode replyMarkup, List<String> previousTexts, boolean deleted, Instant date, Instant editDate,
        double latitude, double longitude, long version) {

    /** A button of an inline or reply keyboard, with its row. */
    public record Button(int row, String text, String callbackData, String url, boolean requestContact,
            boolean requestLocation) {}

    /** Inline keyboard buttons, row by row; empty if there is no inline keyboard. */
    public List<Button> inlineButtons() {
        return buttons("inline_keyboard");
    }

    /** Reply keyboard buttons, row by row; empty if there is none. */
    public List<Button> keyboardButtons() {
        return buttons("keyboard");
    }

    /** Whether this message removes the reply keyboard. */
    public boolean removesKeyboard() {
        return replyMarkup != null && replyMarkup.path("remove_keyboard").asBoolean(false);
    }

    /** Whether this message asks for a forced reply. */
    public boolean forceReply() {
        return replyMarkup != null && replyMarkup.path("force_reply").asBoolean(false);
    }

    /** The callback_data of the inline button with this text. */
    public String callbackData(String buttonText) {
        return inlineButtons().stream().filter(b -> b.text().equals(buttonText)).findFirst()
                .map(Button::callbackData)
                .orElseThrow(() -> new IllegalArgumentException("no inline button " + buttonText));
    }

    private List<Button> buttons(String field) {
        List<Button> out = new ArrayList<>();
        if (replyMarkup == null) return out;
        int r = 0;
        for (JsonNode row : replyMarkup.path(field)) {
            for (JsonNode b : row) {
                if (b.isTextual()) {
                    out.add(new Button(r, b.asText(), null, null, false, false));
                } else {
                    out.add(new Button(r, b.path("text").asText(), textOrNull(b, "callback_data"), textOrNull(b, "url"),
                            b.path("request_contact").asBoolean(false), b.path("request_location").asBoolean(false)));
                }
            }
            r++;
        }
        return out;
    }

    private static String textOrNull(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }
}
