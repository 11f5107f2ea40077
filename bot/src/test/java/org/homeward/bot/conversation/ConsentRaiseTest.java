package org.homeward.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.bot.conversation.Talk.assertSays;
import static org.homeward.bot.conversation.Talk.texts;
import static org.homeward.db.jooq.Tables.CONVERSATION;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.homeward.bot.testing.BotFixture;
import org.homeward.core.settings.StaffSettings;
import org.homeward.db.Database;
import org.homeward.i18n.Language;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Staff ask everyone to agree again (through the core, as the settings page does): a person in the middle of the
 * questionnaire is shown the notice in their language at their next message, cannot answer further questions until
 * they agree, and then goes on where they were; someone at the menu is asked too.
 */
class ConsentRaiseTest {
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"TG", "UZ"})
    void afterARaiseTheNoticeComesFirstAndTheQuestionnaireGoesOnWhereItWas(Language language) {
        try (BotFixture fixture = BotFixture.start()) {
            Database db = fixture.database();
            var driver = new Talk.Driver(fixture, fixture.conversation(Clock.fixed(NOW, ZoneOffset.UTC)));
            Talk t = new Talk(driver, fixture.bot().newUser("Raise", language.code()), language);
            Talk idle = new Talk(driver, fixture.bot().newUser("Idle", language.code()), language);
            for (Talk p : List.of(t, idle)) {
                p.say("/start");
                p.pressData("LANGUAGE:" + language.code());
                assertSays(p.press("btn.consent.agree"), p.t("consent.thanks"));
            }
            assertSays(t.tap("btn.menu.register"), t.t("reg.name.ask"));
            assertSays(t.say("Раҳимов Ҷамшед"), t.t("reg.birth.ask"));

            var outcome = db.dsl().transactionResult(c -> new StaffSettings(c.dsl()).raiseConsent(1, "admin@example.org", NOW));
            assertThat(outcome).isEqualTo(new StaffSettings.Outcome.Done(2));

            // The next message, whatever it is, gets the notice in the person's language, not the next question.
            var r = t.say("08.03.1990");
            assertSays(r, t.t("consent.changed"));
            assertThat(r.stream().flatMap(c -> c.labels().stream())).contains(t.t("btn.consent.agree"));
            assertThat(texts(r)).doesNotContain(t.t("reg.sex.ask"));
            // Until they agree, no question is asked; the answers given so far are kept.
            assertThat(texts(t.say("08.03.1990"))).doesNotContain(t.t("reg.sex.ask"));
            assertThat(db.dsl().fetchValue(CONVERSATION.DRAFT, CONVERSATION.CHAT_ID.eq(t.person.id)).data())
                    .contains("Раҳимов Ҷамшед");
            assertThat(db.dsl().fetchValue(TELEGRAM_USER.CONSENT_VERSION, TELEGRAM_USER.CHAT_ID.eq(t.person.id))).isEqualTo(1);

            r = t.press("btn.consent.agree");
            assertSays(r, t.t("reg.birth.ask"));
            assertThat(db.dsl().fetchValue(TELEGRAM_USER.CONSENT_VERSION, TELEGRAM_USER.CHAT_ID.eq(t.person.id))).isEqualTo(2);
            assertSays(t.say("08.03.1990"), t.t("reg.sex.ask"));

            // Someone at the menu asking for the requirements is asked first too; after agreeing, the menu. Being
            // registered already, they are thanked without being told to register.
            db.dsl().execute("insert into registration (chat_id, status, code, confirmed_at) values (?, 'confirmed', 'RAISE1', now())",
                    idle.person.id);
            assertSays(idle.tap("btn.menu.requirements"), idle.t("consent.changed"));
            var agreed = idle.press("btn.consent.agree");
            assertSays(agreed, idle.t("consent.saved"));
            assertThat(texts(agreed)).doesNotContain(idle.t("consent.thanks"));
            assertThat(db.dsl().fetchValue(TELEGRAM_USER.CONSENT_VERSION, TELEGRAM_USER.CHAT_ID.eq(idle.person.id))).isEqualTo(2);
        }
    }
}
