package org.homeward.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.homeward.bot.transport.UpdateHandler;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * A test-side driver standing in for the transport: the real client polls the fake's getUpdates and hands each
 * update, in order, to the conversation; then what the bot sent to this person since the last step is returned.
 */
final class Talk {
    private final MiniBotApi api;
    private final TelegramClient client;
    private UpdateHandler handler;
    final MiniBotApi.Person person;
    private final Language language;
    private int seen;

    Talk(MiniBotApi api, TelegramClient client, UpdateHandler handler, MiniBotApi.Person person, Language language) {
        this.api = api;
        this.client = client;
        this.handler = handler;
        this.person = person;
        this.language = language;
        this.seen = api.calls().size();
    }

    /** Continues with another handler (e.g. a new Conversation after a restart). */
    void handler(UpdateHandler handler) {
        this.handler = handler;
    }

    static void pump(MiniBotApi api, TelegramClient client, UpdateHandler handler) {
        try {
            List<Update> updates = client.execute(GetUpdates.builder().offset(api.offset).timeout(0).build());
            for (Update u : updates) {
                handler.handle(u);
                api.offset = u.getUpdateId() + 1;
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** What the bot sent to this person since the previous step. */
    List<MiniBotApi.Call> replies() {
        pump(api, client, handler);
        List<MiniBotApi.Call> all = api.calls();
        List<MiniBotApi.Call> mine = new ArrayList<>();
        for (MiniBotApi.Call c : all.subList(seen, all.size())) {
            if (c.chatId() == person.id || c.method().equals("answercallbackquery")) {
                mine.add(c);
            }
        }
        seen = all.size();
        return mine;
    }

    List<MiniBotApi.Call> say(String text) {
        person.text(text);
        return replies();
    }

    /** Presses the inline button whose callback data is {@code data}, on the latest message that has it. */
    List<MiniBotApi.Call> pressData(String data) {
        List<MiniBotApi.Call> all = api.calls();
        for (int i = all.size() - 1; i >= 0; i--) {
            MiniBotApi.Call c = all.get(i);
            if (c.chatId() == person.id && c.callbackData().contains(data)) {
                person.press(c.messageId(), data);
                return replies();
            }
        }
        throw new AssertionError("no button " + data + " sent to " + person.id);
    }

    /** Presses the latest inline button with the label of {@code key} in this person's language. */
    List<MiniBotApi.Call> press(String key) {
        String label = t(key);
        List<MiniBotApi.Call> all = api.calls();
        for (int i = all.size() - 1; i >= 0; i--) {
            MiniBotApi.Call c = all.get(i);
            if (c.chatId() != person.id) {
                continue;
            }
            var rows = c.params().path("reply_markup").path("inline_keyboard");
            for (var row : rows) {
                for (var b : row) {
                    if (b.path("text").asText().equals(label) || b.path("text").asText().equals("✓ " + label)) {
                        person.press(c.messageId(), b.path("callback_data").asText());
                        return replies();
                    }
                }
            }
        }
        throw new AssertionError("no button '" + label + "' sent to " + person.id);
    }

    /** Presses a reply-keyboard button: Telegram sends its label as text. */
    List<MiniBotApi.Call> tap(String key) {
        return say(t(key));
    }

    String t(String key, Object... args) {
        Map<String, Object> map = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            map.put((String) args[i], args[i + 1]);
        }
        return Messages.get().format(language, key, map);
    }

    static String texts(List<MiniBotApi.Call> calls) {
        StringBuilder s = new StringBuilder();
        for (MiniBotApi.Call c : calls) {
            if (c.text() != null) {
                s.append(c.text()).append('\n');
            }
        }
        return s.toString();
    }

    /** Asserts the replies include the text of {@code key} (formatted without arguments, or its start). */
    static void assertSays(List<MiniBotApi.Call> calls, String text) {
        assertThat(texts(calls)).contains(text);
    }
}
