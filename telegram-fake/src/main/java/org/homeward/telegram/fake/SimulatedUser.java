package org.homeward.telegram.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * A Telegram user talking to one fake bot in their private chat (chat id == user id). Each action queues the
 * update Telegram would send and returns its update_id.
 */
public final class SimulatedUser {
    private final FakeBot bot;
    private final long id;
    private final String firstName;
    private final String languageCode;
    private final ObjectNode json;
    private volatile int lastUpdateId;

    SimulatedUser(FakeBot bot, long id, String firstName, String languageCode) {
        this.bot = bot;
        this.id = id;
        this.firstName = firstName;
        this.languageCode = languageCode;
        this.json = Json.object().put("id", id).put("is_bot", false).put("first_name", firstName);
        if (languageCode != null && !languageCode.isEmpty()) json.put("language_code", languageCode);
    }

    /** The user's Telegram id. */
    public long id() {
        return id;
    }

    /** The private chat's id, equal to the user id as in Telegram. */
    public long chatId() {
        return id;
    }

    /** The first name. */
    public String firstName() {
        return firstName;
    }

    /** The Telegram app's language_code, or null. */
    public String languageCode() {
        return languageCode;
    }

    ObjectNode json() {
        return json;
    }

    /** Sends a plain text message. */
    public int sendText(String text) {
        return track(bot.userMessage(this, bot.chat(id), "text", m -> m.put("text", text)));
    }

    /** Sends a command such as {@code /start} or {@code /start payload}, with its bot_command entity. */
    public int sendCommand(String command) {
        String text = command.startsWith("/") ? command : "/" + command;
        int end = text.indexOf(' ');
        int length = end < 0 ? text.length() : end;
        return track(bot.userMessage(this, bot.chat(id), "text", m -> {
            m.put("text", text);
            m.putArray("entities").addObject().put("offset", 0).put("length", length).put("type", "bot_command");
        }));
    }

    /** Shares the user's own contact, as a request_contact button does ({@code contact.user_id} set). */
    public int shareContact(String phone) {
        return track(bot.userMessage(this, bot.chat(id), "contact", m -> {
            ObjectNode c = m.putObject("contact").put("phone_number", phone).put("first_name", firstName);
            c.put("user_id", id);
        }));
    }

    /** Shares a location, as a request_location button does. */
    public int shareLocation(double latitude, double longitude) {
        return track(bot.userMessage(this, bot.chat(id), "location",
                m -> m.putObject("location").put("latitude", latitude).put("longitude", longitude)));
    }

    /** Sends a sticker. */
    public int sendSticker() {
        return track(bot.userMessage(this, bot.chat(id), "sticker", m -> m.putObject("sticker")
                .put("file_id", "CAACAgIAAxkBAAEFakeSticker" + id).put("file_unique_id", "AgADfake" + id)
                .put("type", "regular").put("width", 512).put("height", 512).put("is_animated", false)
                .put("is_video", false).put("emoji", "\uD83D\uDC4D").put("set_name", "HomewardFakeStickers")
                .put("file_size", 24_000).set("thumbnail", Json.object().put("file_id", "AAMCAgADFakeThumb" + id)
                        .put("file_unique_id", "AQADfakeThumb" + id).put("file_size", 4_000).put("width", 128)
                        .put("height", 128))));
    }

    /** Sends a photo (three sizes, as Telegram does). */
    public int sendPhoto() {
        return track(bot.userMessage(this, bot.chat(id), "photo", m -> {
            ArrayNode sizes = m.putArray("photo");
            int[][] dims = {{90, 67}, {320, 240}, {800, 600}};
            for (int i = 0; i < dims.length; i++) {
                sizes.addObject().put("file_id", "AgACAgIAAxkBAAEFakePhoto" + id + "_" + i)
                        .put("file_unique_id", "AQADfake" + id + i).put("file_size", 1000 * (i + 1))
                        .put("width", dims[i][0]).put("height", dims[i][1]);
            }
        }));
    }

    /** Edits one of the user's own text messages (an edited_message update). */
    public int editMessage(int messageId, String newText) {
        return track(bot.userEdit(this, bot.chat(id), messageId, newText));
    }

    /** Sends a text message in a group chat the user and the bot share (negative chat id). */
    public int sendInGroup(String text) {
        return track(bot.userMessage(this, bot.groupChat(), "text", m -> m.put("text", text)));
    }

    /** Presses an inline button of a bot message (a callback_query the bot must answer). */
    public int pressButton(int messageId, String callbackData) {
        return track(bot.press(this, bot.chat(id), messageId, callbackData));
    }

    /**
     * Blocks the bot: sends answer 403 "Forbidden: bot was blocked by the user", and the bot gets a
     * {@code my_chat_member} update saying it was "kicked", as from Telegram.
     */
    public void blockBot() {
        bot.chat(id).blocked = true;
        track(bot.membership(this, bot.chat(id), "member", "kicked"));
    }

    /** Unblocks the bot; the bot gets a {@code my_chat_member} update saying it is a "member" again. */
    public void unblockBot() {
        bot.chat(id).blocked = false;
        track(bot.membership(this, bot.chat(id), "kicked", "member"));
    }

    /** Deletes the account: sends answer 403 "Forbidden: user is deactivated". */
    public void deactivate() {
        bot.chat(id).deactivated = true;
    }

    /** What the bot sent to this chat so far, in order, as it stands now. */
    public List<BotMessage> received() {
        return bot.messagesTo(id);
    }

    /** Blocks until the bot has sent at least {@code count} messages here; returns them all. */
    public List<BotMessage> awaitReceived(int count, Duration timeout) {
        try {
            List<BotMessage> got = bot.chat(id).awaitBotMessages(count, System.nanoTime() + timeout.toNanos());
            if (got == null) {
                throw new IllegalStateException("user " + id + " expected " + count + " messages from the bot within "
                        + timeout + ", got " + received().size());
            }
            return got;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The reply keyboard the user sees now (null if none). */
    public com.fasterxml.jackson.databind.JsonNode replyKeyboard() {
        return bot.replyKeyboard(id);
    }

    /** The update_id of this user's latest action. */
    public int lastUpdateId() {
        return lastUpdateId;
    }

    private int track(int updateId) {
        lastUpdateId = updateId;
        return updateId;
    }
}
