package org.homeward.telegram.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * Each kind of update the fake generates, next to a fixture shaped like a real Telegram update: both parse with
 * TelegramBots' {@link Update} into the expected shape, and the fake's JSON has every field the fixture has.
 */
class UpdateFixturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Fixture F = new Fixture();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void close() {
        F.close();
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                kind("text message", "message", u -> u.sendText("Salom"),
                        u -> u.hasMessage() && "Salom".equals(u.getMessage().getText()) && u.getMessage().getDate() > 0),
                kind("command with entity", "command", u -> u.sendCommand("/start"),
                        u -> u.getMessage().getEntities().getFirst().getType().equals("bot_command")
                                && u.getMessage().isCommand()),
                kind("own contact", "contact", u -> u.shareContact("+992900000001"),
                        u -> u.getMessage().getContact().getUserId().equals(u.getMessage().getFrom().getId())),
                kind("location", "location", u -> u.shareLocation(41.3686, 69.2039),
                        u -> u.getMessage().getLocation().getLatitude() == 41.3686),
                kind("callback query", "callback_query", u -> u.pressButton(botMessageWithButton(u), "go"),
                        u -> u.hasCallbackQuery() && u.getCallbackQuery().getData().equals("go")
                                && u.getCallbackQuery().getMessage().isUserMessage()
                                && u.getCallbackQuery().getMessage().getDate() > 0),
                kind("edited message", "edited_message", u -> u.editMessage(firstOwnMessage(u), "Salom!"),
                        u -> u.hasEditedMessage() && u.getEditedMessage().getEditDate() != null),
                kind("group message", "group_message", u -> u.sendInGroup("Hello all"),
                        u -> u.getMessage().getChat().getId() < 0 && u.getMessage().isSuperGroupMessage()),
                kind("sticker", "sticker", SimulatedUser::sendSticker,
                        u -> u.getMessage().hasSticker() && u.getMessage().getSticker().getEmoji() != null),
                kind("photo", "photo", SimulatedUser::sendPhoto,
                        u -> u.getMessage().hasPhoto() && u.getMessage().getPhoto().size() == 3));
    }

    private static Arguments kind(String label, String fixture, ToIntFunction<SimulatedUser> act, Predicate<Update> shape) {
        return Arguments.of(label, fixture, act, shape);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void fakeUpdatesHaveTelegramsShape(String label, String fixture, ToIntFunction<SimulatedUser> act,
            Predicate<Update> shape) throws Exception {
        JsonNode real;
        try (InputStream in = getClass().getResourceAsStream("/updates/" + fixture + ".json")) {
            real = JSON.readTree(in);
        }
        assertThat(shape).as("fixture %s", fixture).accepts(JSON.treeToValue(real, Update.class));

        SimulatedUser user = F.bot.newUser("Dilshod", "tg");
        int updateId = act.applyAsInt(user);
        JsonNode fake = rawUpdate(updateId);
        assertThat(fake.path("update_id").asInt()).isEqualTo(updateId);
        assertThat(shape).as("fake %s", label).accepts(JSON.treeToValue(fake, Update.class));
        assertHasFieldsOf(real, fake, "");
    }

    /** The raw JSON of one update, fetched with a plain GET and query parameters (confirming earlier ones). */
    private static JsonNode rawUpdate(int updateId) throws Exception {
        URI uri = URI.create(F.telegram.baseUrl() + "/bot" + Fixture.TOKEN + "/GETUPDATES?offset=" + updateId + "&limit=1");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("ok").asBoolean()).as(r.body()).isTrue();
        return body.path("result").get(0);
    }

    private static void assertHasFieldsOf(JsonNode real, JsonNode fake, String path) {
        if (real.isObject()) {
            assertThat(fake.isObject()).as("%s is an object", path).isTrue();
            for (Iterator<String> it = real.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                assertThat(fake.has(name)).as("fake update has %s.%s", path, name).isTrue();
                assertHasFieldsOf(real.get(name), fake.get(name), path + "." + name);
            }
        } else if (real.isArray() && !real.isEmpty()) {
            assertThat(fake.isArray() && !fake.isEmpty()).as("%s is a non-empty array", path).isTrue();
            assertHasFieldsOf(real.get(0), fake.get(0), path + "[0]");
        } else {
            assertThat(fake.getNodeType()).as("type of %s", path).isEqualTo(real.getNodeType());
        }
    }

    private static int botMessageWithButton(SimulatedUser u) {
        try {
            return F.client.execute(SendMessage.builder().chatId(u.chatId()).text("Go?")
                    .replyMarkup(InlineKeyboardMarkup.builder().keyboardRow(new InlineKeyboardRow(
                            InlineKeyboardButton.builder().text("Go").callbackData("go").build())).build())
                    .build()).getMessageId();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int firstOwnMessage(SimulatedUser u) {
        u.sendText("Salom");
        return 1;
    }
}
