package org.homeward.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.homeward.bot.transport.TelegramClients;
import org.homeward.db.Database;
import org.homeward.i18n.Language;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** Updates as Telegram sends them (JSON fixtures), and what the bot does with each: a labelled table. */
class UpdateFixturesTest {
    static TestDatabase testDb;
    static Database db;
    static MiniBotApi api;
    static TelegramClient client;
    static Conversation conversation;

    @BeforeAll
    static void start() throws Exception {
        testDb = TestPostgres.newDatabase();
        db = Database.connect(testDb.jdbcUrl(), testDb.user(), "", 4);
        api = new MiniBotApi();
        client = TelegramClients.client(TelegramClients.okHttp(), "123:FIXTURES", api.baseUrl());
        conversation = new Conversation(db, client, Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        db.close();
        testDb.close();
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
        ObjectNode update;
        try (InputStream in = getClass().getResourceAsStream("updates/" + fixture + ".json")) {
            update = (ObjectNode) MiniBotApi.JSON.readTree(in);
        }
        long from = update.findValue("from").path("id").asLong();
        int before = api.calls().size();
        api.queue(update);
        Talk.pump(api, client, conversation);
        List<MiniBotApi.Call> sent = api.calls().subList(before, api.calls().size());
        assertThat(sent).extracting(MiniBotApi.Call::method).containsExactlyElementsOf(expected.methods());
        if (expected.text() != null) {
            assertThat(sent.stream().filter(c -> c.text() != null).findFirst().orElseThrow().text()).contains(expected.text());
        }
        assertThat(db.dsl().fetchExists(TELEGRAM_USER, TELEGRAM_USER.CHAT_ID.eq(from))).isEqualTo(expected.userStored());
    }
}
