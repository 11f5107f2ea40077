package org.homeward.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.bot.conversation.Talk.assertSays;
import static org.homeward.bot.conversation.Talk.texts;
import static org.homeward.db.jooq.Tables.CONVERSATION;
import static org.homeward.db.jooq.Tables.STAFF_ACCOUNT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.homeward.bot.testing.BotFixture;
import org.homeward.core.staff.StaffLinks;
import org.homeward.i18n.Language;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A staff member links their own Telegram by sending the bot the one-time code from the admin app: in any state,
 * before consent too, the state unchanged; the reply names neither the member nor the code; a wrong or expired code
 * gets a clear answer.
 */
@org.junit.jupiter.api.Tag("slow")
class StaffLinkConversationTest {
    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static BotFixture fixture;
    static DSLContext dsl;
    static Talk.Driver driver;
    static long account;

    @BeforeAll
    static void start() throws Exception {
        fixture = BotFixture.start();
        dsl = fixture.database().dsl();
        driver = new Talk.Driver(fixture, fixture.conversation(Clock.fixed(NOW, ZoneOffset.UTC)));
        account = dsl.fetchSingle("insert into staff_account (email, role, created_at, updated_at)"
                + " values ('malika@example.org', 'staff', now(), now()) returning id").get(0, Long.class);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static String state(Talk t) {
        return dsl.select(CONVERSATION.STATE).from(CONVERSATION).where(CONVERSATION.CHAT_ID.eq(t.user.chatId()))
                .fetchOptional(CONVERSATION.STATE).orElse("none");
    }

    private static Long linkedChat() {
        return dsl.select(STAFF_ACCOUNT.TELEGRAM_CHAT_ID).from(STAFF_ACCOUNT).where(STAFF_ACCOUNT.ID.eq(account)).fetchSingle().value1();
    }

    @Test
    void aCodeLinksTheChatInAnyStateBeforeConsentTooAndIsBurnt() {
        Talk t = new Talk(driver, driver.bot.newUser("Malika", "ru"), Language.RU);
        t.say("/start");
        String before = state(t);
        // Wrong and expired codes: a clear answer, the state and the link unchanged.
        assertSays(t.say("HW-AAAA-AAAA"), t.t("staff.link_wrong"));
        String expired = dsl.transactionResult(c -> new StaffLinks(c.dsl()).newCode(account, NOW.minus(Duration.ofMinutes(16))));
        assertSays(t.say(expired), t.t("staff.link_wrong"));
        assertThat(linkedChat()).isNull();

        String code = dsl.transactionResult(c -> new StaffLinks(c.dsl()).newCode(account, NOW.minusSeconds(60)));
        var r = t.say("/start " + code);
        assertSays(r, t.t("staff.linked"));
        assertThat(texts(r)).doesNotContain("malika").doesNotContain(code);
        assertThat(linkedChat()).isEqualTo(t.user.chatId());
        assertThat(state(t)).isEqualTo(before);
        // Once only.
        assertSays(t.say(code), t.t("staff.link_wrong"));
        assertThat(state(t)).isEqualTo(before);
    }

    @Test
    void aCodeFromANewChatInTajikIsAnsweredInTajik() {
        Talk t = new Talk(driver, driver.bot.newUser("Farhod", "tg"), Language.TG);
        String code = dsl.transactionResult(c -> new StaffLinks(c.dsl()).newCode(account, NOW));
        assertSays(t.say(code.toLowerCase()), t.t("staff.linked"));
        assertThat(linkedChat()).isEqualTo(t.user.chatId());
    }
}
