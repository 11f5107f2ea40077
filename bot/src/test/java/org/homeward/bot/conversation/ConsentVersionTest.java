package org.homeward.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.bot.conversation.Talk.assertSays;
import static org.homeward.db.jooq.Tables.OPERATION_SETTINGS;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.homeward.bot.testing.BotFixture;
import org.homeward.db.Database;
import org.homeward.i18n.Language;
import org.junit.jupiter.api.Test;

/** A new version of the privacy notice is agreed to again before any further personal question. */
class ConsentVersionTest {
    @Test
    void aNewNoticeVersionIsAskedAgain() {
        try (BotFixture fixture = BotFixture.start()) {
            Database db = fixture.database();
            var conversation = fixture.conversation(Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC));
            Talk t = new Talk(new Talk.Driver(fixture, conversation), fixture.bot().newUser("V", "tg"), Language.TG);
            t.say("/start");
            t.pressData("LANGUAGE:tg");
            t.press("btn.consent.agree");
            assertThat(db.dsl().fetchValue(TELEGRAM_USER.CONSENT_VERSION, TELEGRAM_USER.CHAT_ID.eq(t.person.id))).isEqualTo(1);

            db.dsl().update(OPERATION_SETTINGS).set(OPERATION_SETTINGS.CONSENT_VERSION, 2).execute();
            var r = t.tap("btn.menu.register");
            assertSays(r, t.t("consent.needed"));
            assertThat(Talk.texts(r)).doesNotContain(t.t("reg.name.ask"));
            assertSays(t.press("btn.consent.agree"), t.t("reg.name.ask"));
            assertThat(db.dsl().fetchValue(TELEGRAM_USER.CONSENT_VERSION, TELEGRAM_USER.CHAT_ID.eq(t.person.id))).isEqualTo(2);
        }
    }
}
