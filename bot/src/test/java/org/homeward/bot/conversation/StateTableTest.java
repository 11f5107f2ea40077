package org.homeward.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.CONVERSATION;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.homeward.bot.testing.BotFixture;
import org.homeward.db.Database;
import org.homeward.i18n.Language;
import org.jooq.JSONB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every state of the table, in every language: a sticker, text it cannot use and a button from nowhere each get
 * a kind reply and the state's question again; /cancel leaves for the menu from anywhere.
 */
class StateTableTest {
    static BotFixture fixture;
    static Database db;
    static Talk.Driver driver;

    @BeforeAll
    static void start() {
        fixture = BotFixture.start();
        db = fixture.database();
        driver = new Talk.Driver(fixture,
                fixture.conversation(Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC)));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void everyStateAnswersAnythingAndCancels(State state) {
        for (Language language : Language.values()) {
            Talk t = new Talk(driver, driver.bot.newUser("S", language.code()), language);
            long chat = t.person.id;
            db.dsl().insertInto(TELEGRAM_USER).set(TELEGRAM_USER.CHAT_ID, chat).set(TELEGRAM_USER.LANGUAGE, language.code())
                    .set(TELEGRAM_USER.CONSENT_VERSION, 1).set(TELEGRAM_USER.CONSENT_AT, Instant.now()).execute();
            db.dsl().insertInto(CONVERSATION).set(CONVERSATION.CHAT_ID, chat).set(CONVERSATION.STATE, state.name())
                    .set(CONVERSATION.DRAFT, JSONB.valueOf("{\"member\": {\"fullName\": \"Test Member\"}, \"destinationId\": 1}"))
                    .execute();

            t.person.sticker();
            List<Talk.Call> r = t.replies();
            Talk.assertSays(r, t.t("misc.media"));
            assertThat(r).as(state + " asks its question again").hasSizeGreaterThanOrEqualTo(2);

            r = t.say("¿¿¿");
            assertThat(r).as(state + " answers text it cannot use").isNotEmpty();
            assertThat(state(chat)).isIn(state, State.REG_LOCATION_OTHER);

            // A button of a question that no longer exists (an older version's, or long gone).
            var received = t.user.received();
            t.user.pressButton(received.getLast().messageId(), "OLD_STATE:1");
            r = t.replies();
            Talk.assertSays(r, t.t("misc.stale"));
            assertThat(r.getFirst().method()).isEqualTo("answercallbackquery");
            assertThat(r).as(state + " answers a button").hasSizeGreaterThanOrEqualTo(2);

            t.person.sticker();
            t.replies();
            r = t.say("/cancel");
            assertThat(state(chat)).isEqualTo(State.MENU);
            assertThat(r.stream().flatMap(c -> c.labels().stream())).contains(t.t("btn.menu.help"));
        }
    }

    private static State state(long chat) {
        return State.valueOf(db.dsl().fetchValue(CONVERSATION.STATE, CONVERSATION.CHAT_ID.eq(chat)));
    }
}
