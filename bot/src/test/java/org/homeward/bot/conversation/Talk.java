package org.homeward.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.homeward.bot.testing.BotFixture;
import org.homeward.bot.transport.UpdateHandler;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.homeward.telegram.fake.ApiCall;
import org.homeward.telegram.fake.BotMessage;
import org.homeward.telegram.fake.FakeBot;
import org.homeward.telegram.fake.SimulatedUser;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * One simulated person talking to the bot, on a {@link BotFixture} standing in for the transport: the real client
 * takes the fake Bot API's updates and hands each, in order, to the conversation; each step returns the Bot API calls
 * the bot made for this person.
 */
final class Talk {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One Bot API call the bot made: method in lower case (as the client's paths), and its parameters. */
    record Call(String method, JsonNode params) {
        long chatId() {
            return params.path("chat_id").asLong();
        }

        String text() {
            return params.path("text").asText(null);
        }

        List<String> callbackData() {
            List<String> data = new ArrayList<>();
            markup().path("inline_keyboard").forEach(row -> row.forEach(b -> data.add(b.path("callback_data").asText())));
            return data;
        }

        /** Labels of every button, inline or reply keyboard. */
        List<String> labels() {
            List<String> labels = new ArrayList<>();
            markup().path("inline_keyboard").forEach(row -> row.forEach(b -> labels.add(b.path("text").asText())));
            markup().path("keyboard").forEach(row -> row.forEach(b -> labels.add(b.isTextual() ? b.asText() : b.path("text").asText())));
            return labels;
        }

        private JsonNode markup() {
            JsonNode m = params.path("reply_markup");
            if (m.isTextual()) {
                try {
                    return JSON.readTree(m.asText());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            return m;
        }
    }

    /** Hands the fixture bot's updates to one handler (which a test may swap), through the fixture's client. */
    static final class Driver {
        final BotFixture fixture;
        final FakeBot bot;
        UpdateHandler handler;

        Driver(BotFixture fixture, UpdateHandler handler) {
            this.fixture = fixture;
            this.bot = fixture.bot();
            this.handler = handler;
        }

        void pump() {
            fixture.handUpdates(handler);
        }

        /** Every call the bot made so far. */
        List<Call> calls() {
            return bot.calls().stream().map(Talk::call).toList();
        }
    }

    private final Driver driver;
    final SimulatedUser user;
    final Person person;
    private final Language language;
    private int seen;

    Talk(Driver driver, SimulatedUser user, Language language) {
        this.driver = driver;
        this.user = user;
        this.person = new Person();
        this.language = language;
        this.seen = driver.bot.calls().size();
    }

    static Call call(ApiCall c) {
        return new Call(c.method().toLowerCase(Locale.ROOT), c.params());
    }

    /** What the bot sent to this person since the previous step (and the callback answers). */
    List<Call> replies() {
        driver.pump();
        List<ApiCall> all = driver.bot.calls();
        List<Call> mine = new ArrayList<>();
        for (ApiCall c : all.subList(seen, all.size())) {
            Call call = call(c);
            if (call.chatId() == user.chatId() || call.method().equals("answercallbackquery")) {
                mine.add(call);
            }
        }
        seen = all.size();
        return mine;
    }

    List<Call> say(String text) {
        if (text.startsWith("/")) {
            user.sendCommand(text);
        } else {
            user.sendText(text);
        }
        return replies();
    }

    /** Presses the inline button with {@code data} on the newest message showing it. */
    List<Call> pressData(String data) {
        List<BotMessage> received = user.received();
        for (int i = received.size() - 1; i >= 0; i--) {
            BotMessage m = received.get(i);
            if (m.inlineButtons().stream().anyMatch(b -> data.equals(b.callbackData()))) {
                user.pressButton(m.messageId(), data);
                return replies();
            }
        }
        throw new AssertionError("no button " + data + " sent to " + user.id());
    }

    /** Presses the newest inline button labelled with {@code key} in this person's language (✓ marks allowed). */
    List<Call> press(String key) {
        String label = t(key);
        List<BotMessage> received = user.received();
        for (int i = received.size() - 1; i >= 0; i--) {
            BotMessage m = received.get(i);
            for (BotMessage.Button b : m.inlineButtons()) {
                if (b.text().equals(label) || b.text().equals("✓ " + label)) {
                    user.pressButton(m.messageId(), b.callbackData());
                    return replies();
                }
            }
        }
        throw new AssertionError("no button '" + label + "' sent to " + user.id());
    }

    /** Presses the newest inline button labelled with {@code key} formatted with {@code args}. */
    List<Call> press(String key, Object... args) {
        String label = t(key, args);
        List<BotMessage> received = user.received();
        for (int i = received.size() - 1; i >= 0; i--) {
            BotMessage m = received.get(i);
            for (BotMessage.Button b : m.inlineButtons()) {
                if (b.text().equals(label)) {
                    user.pressButton(m.messageId(), b.callbackData());
                    return replies();
                }
            }
        }
        throw new AssertionError("no button '" + label + "' sent to " + user.id());
    }

    /** Presses the button with {@code data} on one given message, older copies of a question included. */
    List<Call> pressOn(BotMessage message, String data) {
        user.pressButton(message.messageId(), data);
        return replies();
    }

    /**
     * Sends a press of {@code data} that no message shows any more: what a phone that has not redrawn the chat yet
     * sends, or a keyboard from before the bot changed. Telegram names the message pressed; here, the newest.
     */
    List<Call> pressGone(String data) {
        return pressOn(last(), data);
    }

    /** The newest message the bot sent this person, as it stands now. */
    BotMessage last() {
        return user.received().getLast();
    }

    /** A message the bot sent this person, as it stands now (its buttons after any edit). */
    BotMessage message(int messageId) {
        return user.received().stream().filter(m -> m.messageId() == messageId).findFirst()
                .orElseThrow(() -> new AssertionError("no message " + messageId));
    }

    /** Taps a reply-keyboard button: Telegram sends its label as a text message. */
    List<Call> tap(String key) {
        return say(t(key));
    }

    /** Hands a hand-made update straight to the handler (for what a simulated user cannot do); see {@link #replies}. */
    void deliver(String updateJson) {
        try {
            driver.fixture.direct(driver.handler).handleDirectly(JSON.readValue(updateJson, Update.class));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    String t(String key, Object... args) {
        Map<String, Object> map = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            map.put((String) args[i], args[i + 1]);
        }
        return Messages.get().format(language, key, map);
    }

    /** The simulated person's actions, in the words the tests use. */
    final class Person {
        final long id = user.id();

        void contact(String phone, long userId) {
            if (userId == user.id()) {
                user.shareContact(phone);
                return;
            }
            // Someone else's contact card (a forwarded contact): the fake's users share only their own.
            deliver("""
                    {"update_id": 1, "message": {"message_id": 999999, "date": 1795000000,
                      "from": {"id": %d, "is_bot": false, "first_name": "T"},
                      "chat": {"id": %d, "type": "private"},
                      "contact": {"phone_number": "%s", "first_name": "Other", "user_id": %d}}}"""
                    .formatted(user.id(), user.chatId(), phone, userId));
        }

        void location(double latitude, double longitude) {
            user.shareLocation(latitude, longitude);
        }

        void sticker() {
            user.sendSticker();
        }

        void photo() {
            user.sendPhoto();
        }

        /** Edits the person's latest text message. */
        void editedText(String text) {
            List<BotMessage> transcript = driver.bot.transcript(user.chatId(), 0);
            for (int i = transcript.size() - 1; i >= 0; i--) {
                BotMessage m = transcript.get(i);
                if (!m.fromBot() && "text".equals(m.kind())) {
                    user.editMessage(m.messageId(), text);
                    return;
                }
            }
            throw new AssertionError("no text message to edit");
        }

        void textInGroup(String text) {
            user.sendInGroup(text);
        }
    }

    static String texts(List<Call> calls) {
        StringBuilder s = new StringBuilder();
        for (Call c : calls) {
            if (c.text() != null) {
                s.append(c.text()).append('\n');
            }
        }
        return s.toString();
    }

    static void assertSays(List<Call> calls, String text) {
        assertThat(texts(calls)).contains(text);
    }
}
