package org.homeward.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.bot.conversation.Talk.assertSays;
import static org.homeward.bot.conversation.Talk.texts;
import static org.homeward.db.jooq.Tables.CONVERSATION;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.homeward.bot.testing.BotFixture;
import org.homeward.core.people.ChatPseudonym;
import org.homeward.i18n.Language;
import org.jooq.JSONB;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** A stored draft that cannot be read back is counted and logged (never its content), and the person is told. */
class UnreadableDraftTest {
    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"RU", "TG"})
    void isCountedLoggedWithoutItsContentAndThePersonIsToldAndShownTheMenu(Language language) throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        Metrics.addRegistry(metrics);
        Logger log = (Logger) LoggerFactory.getLogger(ConversationStore.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try (BotFixture fixture = BotFixture.start()) {
            Talk.Driver driver = new Talk.Driver(fixture, fixture.conversation(Clock.systemUTC()));
            Talk t = new Talk(driver, driver.bot.newUser("Test", language.code()), language);
            ConversationTest.greet(t, language);
            t.tap("btn.menu.register");
            t.say("Раҳимов Ҷамшед");
            // Written by another version of the bot, or edited by hand: the applicant is not an object any more.
            fixture.database().dsl().update(CONVERSATION)
                    .set(CONVERSATION.DRAFT, JSONB.valueOf("{\"applicant\": \"Раҳимов Ҷамшед\", \"phone\": \"+992900000001\"}"))
                    .where(CONVERSATION.CHAT_ID.eq(t.person.id)).execute();

            var r = t.say("08.03.1990");

            assertSays(r, t.t("misc.answers_lost"));
            assertSays(r, t.t("menu.prompt"));
            assertThat(texts(r)).doesNotContain(t.t("misc.unknown"));
            assertThat(metrics.find("homeward.conversation.drafts_unreadable").counter().count()).isEqualTo(1);
            assertThat(lines.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                    .contains(ChatPseudonym.of(t.person.id)).doesNotContain("Раҳимов", "+992900000001", Long.toString(t.person.id)));
            // The next answer is taken as usual: the chat is at the menu, not stuck.
            assertSays(t.tap("btn.menu.register"), t.t("reg.name.ask"));
        } finally {
            log.detachAppender(lines);
            Metrics.removeRegistry(metrics);
        }
    }
}
