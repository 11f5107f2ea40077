package org.homeward.bot.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import java.time.Clock;
import java.time.Duration;
import org.homeward.bot.testing.BotFixture;
import org.homeward.db.enums.UnreachableReason;
import org.homeward.db.jooq.tables.records.TelegramUserRecord;
import org.homeward.telegram.fake.SimulatedUser;
import org.homeward.testkit.Await;
import org.junit.jupiter.api.Test;

/**
 * Blocking the bot (Telegram's my_chat_member "kicked") and a 403 on a reply make a person unreachable, as a 403
 * in delivery does, so broadcasts skip them; unblocking or writing again makes them reachable.
 */
class ReachabilityTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void blockingAndA403OnAReplyMakeThePersonUnreachableAndUnblockingReachableAgain() throws Exception {
        try (BotFixture f = BotFixture.start();
             Transport transport = f.longPolling(f.conversation(Clock.systemUTC()))) {
            transport.start();
            SimulatedUser user = f.bot().newUser("Farrukh", "tg");
            user.sendCommand("/start");
            user.awaitReceived(1, WAIT);

            user.blockBot();
            Await.until("unreachable after blocking", WAIT, () -> reason(f, user) == UnreachableReason.BLOCKED);
            user.unblockBot();
            Await.until("reachable after unblocking", WAIT, () -> row(f, user).getUnreachableAt() == null);

            // The account is deleted while a message is on its way: the reply gets 403 "user is deactivated".
            user.deactivate();
            user.sendText("salom");
            Await.until("unreachable after a 403 on the reply", WAIT,
                    () -> reason(f, user) == UnreachableReason.DEACTIVATED);
            assertThat(transport.awaitIdle(WAIT)).isTrue();
        }
    }

    @Test
    void aPersonTheBotDoesNotKnowIsNotRecordedWhenTheyBlockIt() throws Exception {
        try (BotFixture f = BotFixture.start();
             Transport transport = f.longPolling(f.conversation(Clock.systemUTC()))) {
            transport.start();
            SimulatedUser stranger = f.bot().newUser("Stranger", "ru");
            stranger.blockBot();
            Await.until("the update handled", WAIT, () -> LongPollingTransportTest.inboxRows(f, "status = 'done'") == 1);
            assertThat(f.database().dsl().fetchExists(TELEGRAM_USER, TELEGRAM_USER.CHAT_ID.eq(stranger.chatId()))).isFalse();
        }
    }

    private static TelegramUserRecord row(BotFixture f, SimulatedUser user) {
        return f.database().dsl().fetchSingle(TELEGRAM_USER, TELEGRAM_USER.CHAT_ID.eq(user.chatId()));
    }

    private static UnreachableReason reason(BotFixture f, SimulatedUser user) {
        return row(f, user).getUnreachableReason();
    }
}
