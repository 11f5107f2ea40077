package org.homeward.bot.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.REPLY;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.homeward.bot.testing.BotFixture;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.homeward.telegram.fake.BotMessage;
import org.homeward.telegram.fake.SimulatedUser;
import org.homeward.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Replies survive what Telegram does wrong (issue 10, item 2): each is stored with the update's change and sent
 * until Telegram takes it, exactly once and in order per chat, while other chats are answered meanwhile. The
 * apology is for a failed update only; answers that waited too long become one "sorry for the delay".
 */
@Tag("slow")
class DurableRepliesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Short, so that the tests do not wait long; the same rules as the defaults. */
    private static final ReplyPolicy QUICK = new ReplyPolicy(Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMinutes(10), Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(200));

    private BotFixture f;
    private EchoBot echo;

    @BeforeEach
    void start() {
        f = BotFixture.start();
        echo = new EchoBot();
    }

    @AfterEach
    void stop() {
        echo.unstick();
        f.close();
    }

    private Transport running(UpdateHandler handler, ReplyPolicy policy) throws Exception {
        Transport t = f.transport(new Transport.Settings(BotFixture.TOKEN, f.baseUrl(), Optional.empty(), policy), handler);
        t.start();
        return t;
    }

    private static List<String> texts(SimulatedUser user) {
        return user.received().stream().map(BotMessage::text).toList();
    }

    private void assertNothingLeft() throws InterruptedException {
        Await.until("every stored reply sent", WAIT, () -> f.database().dsl().fetchCount(REPLY) == 0);
    }

    @Test
    void aServerErrorADroppedConnectionAndA429DelayTheAnswerButItArrivesOnce() throws Exception {
        running(echo, QUICK);
        SimulatedUser user = f.bot().newUser("Jamshed", "tg");
        f.bot().faults().serverErrors("sendMessage", 1, 500);
        user.sendText("one");
        user.awaitReceived(1, WAIT);
        // OkHttp retries a broken pooled connection once by itself: drop a few.
        f.bot().faults().dropConnections("sendMessage", 3);
        user.sendText("two");
        user.awaitReceived(2, WAIT);
        // Any retry_after is waited out (before, one above 60 s ended in the apology).
        f.bot().faults().tooManyRequests(1, 2);
        user.sendText("three");
        user.awaitReceived(3, WAIT);
        assertNothingLeft();
        assertThat(texts(user)).containsExactly("echo: one", "echo: two", "echo: three");
        assertThat(LongPollingTransportTest.inboxRows(f, "status = 'done'")).isEqualTo(3);
    }

    @Test
    void aRunOfServerErrorsKeepsEveryAnswerInOrderAndNoneTwice() throws Exception {
        running(echo, QUICK);
        SimulatedUser user = f.bot().newUser("Parvina", "ru");
        // More failures than any one reply's first tries: the chat's later answers wait behind the first.
        f.bot().faults().serverErrors("sendMessage", 12, 502);
        for (String word : List.of("a", "b", "c", "d")) {
            user.sendText(word);
        }
        user.awaitReceived(4, WAIT);
        assertNothingLeft();
        assertThat(texts(user)).containsExactly("echo: a", "echo: b", "echo: c", "echo: d");
        assertThat(texts(user)).noneMatch(t -> t.contains(Messages.get().format(Language.RU, "error.apology")));
    }

    @Test
    void aHungSendHoldsUpOnlyItsOwnChatAndIsSentOnceWhenTriedAgain() throws Exception {
        running(echo, QUICK);
        SimulatedUser stuck = f.bot().newUser("Rustam", "uz");
        SimulatedUser other = f.bot().newUser("Malika", "uz");
        // The fake neither answers nor carries out the hung call: the client gives up after its call timeout.
        f.bot().faults().hang("sendMessage", 1);
        stuck.sendText("first");
        Await.until("the first update handled, its reply on its way", WAIT,
                () -> LongPollingTransportTest.inboxRows(f, "status = 'done'") == 1);
        other.sendText("meanwhile");
        other.awaitReceived(1, WAIT);
        stuck.awaitReceived(1, WAIT);
        assertNothingLeft();
        assertThat(texts(stuck)).containsExactly("echo: first");
        assertThat(texts(other)).containsExactly("echo: meanwhile");
    }

    @Test
    void answersThatWaitedTooLongBecomeOneSorryAndTheQuestionOfNow() throws Exception {
        ReplyPolicy staleSoon = new ReplyPolicy(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(200));
        running(f.conversation(Clock.systemUTC()), staleSoon);
        SimulatedUser user = f.bot().newUser("Zarina", "ru");
        f.bot().faults().serverErrors("sendMessage", 1_000_000, 500);
        user.sendCommand("/start");
        Await.until("the greeting older than its use", WAIT, () -> f.database().dsl().fetchCount(REPLY,
                org.jooq.impl.DSL.condition("created_at < now() - interval '3 seconds'")) > 0);
        f.bot().faults().clear();
        user.awaitReceived(2, WAIT);
        assertNothingLeft();
        List<BotMessage> got = user.received();
        assertThat(got).hasSize(2);
        assertThat(got.get(0).text()).isEqualTo(Messages.get().format(Language.RU, "error.delayed"));
        // The question the chat is on now, with its buttons: the language question of a first contact.
        assertThat(got.get(1).inlineButtons()).isNotEmpty();
    }

    @Test
    void onlyAFailedUpdateGetsTheApologyAndItIsDurableToo() throws Exception {
        running(echo, QUICK);
        SimulatedUser user = f.bot().newUser("Bahrom", "ru");
        f.bot().faults().serverErrors("sendMessage", 2, 500);
        user.sendText("boom");
        user.awaitReceived(1, WAIT);
        user.sendText("fine");
        user.awaitReceived(2, WAIT);
        assertNothingLeft();
        assertThat(texts(user)).containsExactly(Messages.get().format(Language.RU, "error.apology"), "echo: fine");
        assertThat(LongPollingTransportTest.inboxRows(f, "status = 'failed'")).isEqualTo(1);
    }
}
