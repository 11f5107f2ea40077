package org.homeward.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.homeward.bot.testing.BotFixture;
import org.homeward.db.Database;
import org.homeward.i18n.Language;
import org.homeward.telegram.fake.SimulatedUser;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Updates as Telegram sends them (JSON fixtures, USER_ID and GROUP_ID filled in), and what the bot does with
 * each: a labelled table. Replies go through the real client to the fake Bot API.
 */
class UpdateFixturesTest {
    static BotFixture fixture;
    static Database db;
    static Conversation conversation;
    static Talk.Driver driver;

    @BeforeAll
    static void start() throws Exception {
        fixture = BotFixture.start();
        db = fixture.database();
        conversation = fixture.conversation(Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC));
        driver = new Talk.Driver(fixture, conversation);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    /** What the bot is expected to send: the methods in order, and a text the first message contains. */
    record Expected(List<String> methods, String text, boolean userStored) {}

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("a command in a group gets only a request to write privately", "group_command",
                        new Expected(List.of("sendmessage"), Ui.t(Language.TG, "misc.group"), false)),
                Arguments.of("a photo in a group gets nothing", "group_photo",
                        new Expected(List.of(), null, false)),
                Arguments.of("an edited message is not answered", "edited_first_contact",
                        new Expected(List.of(), null, false)),
                Arguments.of("the bot being blocked is not answered", "my_chat_member_blocked",
                        new Expected(List.of(), null, false)),
                Arguments.of("a voice message as first contact gets the language question", "voice_first_contact",
                        new Expected(List.of("sendmessage"), Ui.t(Language.UZ, "lang.choose"), true)),
                Arguments.of("an old button as first contact is answered, then the language question", "old_button_first_contact",
                        new Expected(List.of("answercallbackquery", "sendmessage"), Ui.t(Language.RU, "lang.choose"), true)),
                Arguments.of("a button on a message too old to access is answered", "inaccessible_message_button",
                        new Expected(List.of("answercallbackquery", "sendmessage"), Ui.t(Language.TG, "lang.choose"), true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void handles(String label, String fixture, Expected expected) throws Exception {
        // The fake answers sends only to chats it knows: a simulated user, and the group they write in.
        SimulatedUser user = driver.bot.newUser("Fixture", null);
        long[] groupId = {0};
        user.sendInGroup("hello");
        driver.handler = (tx, u) -> {
            groupId[0] = u.getMessage().getChatId();
            return List.of();
        };
        driver.pump();
        driver.handler = conversation;
        String json;
        try (InputStream in = getClass().getResourceAsStream("updates/" + fixture + ".json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("USER_ID", String.valueOf(user.id())).replace("GROUP_ID", String.valueOf(groupId[0]));
        }
        int before = driver.bot.calls().size();
        driver.fixture.direct(conversation).handleDirectly(Talk.JSON.readValue(json, Update.class));
        List<Talk.Call> sent = driver.calls().subList(before, driver.bot.calls().size());
        assertThat(sent).extracting(Talk.Call::method).containsExactlyElementsOf(expected.methods());
        if (expected.text() != null) {
            assertThat(sent.stream().filter(c -> c.text() != null).findFirst().orElseThrow().text()).contains(expected.text());
        }
        assertThat(db.dsl().fetchExists(TELEGRAM_USER, TELEGRAM_USER.CHAT_ID.eq(user.id()))).isEqualTo(expected.userStored());
    }
}
