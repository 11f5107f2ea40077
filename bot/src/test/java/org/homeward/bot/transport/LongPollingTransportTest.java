package org.homeward.bot.transport;

import static org.assertj.core.api.Assertions.assertThat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.homeward.bot.testing.BotFixture;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.homeward.telegram.fake.BotMessage;
import org.homeward.telegram.fake.SimulatedUser;
import org.homeward.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real TelegramBots long polling against the fake Bot API, through the inbox. */
class LongPollingTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private BotFixture f;

    @BeforeEach
    void setUp() {
        f = BotFixture.start();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void everyMessageIsAnsweredAndTheInboxKeepsNoContent() throws Exception {
        EchoBot echo = new EchoBot();
        try (Transport transport = f.longPolling(echo)) {
            transport.start();
            SimulatedUser a = f.bot().newUser("Jamshed", "tg");
            SimulatedUser b = f.bot().newUser("Dilnoza", "uz");
            a.sendText("salom");
            b.sendText("hello");
            assertThat(texts(a.awaitReceived(1, WAIT))).containsExactly("echo: salom");
            assertThat(texts(b.awaitReceived(1, WAIT))).containsExactly("echo: hello");
            assertThat(transport.awaitIdle(WAIT)).isTrue();
        }
        assertThat(inboxRows(f, "status = 'done'")).isEqualTo(2);
        // Handled updates are erased: the inbox keeps ids for deduplication, not what people wrote.
        assertThat(inboxRows(f, "payload is not null")).isZero();
    }

    @Test
    void theSameUpdateDeliveredTwiceIsHandledOnce() throws Exception {
        EchoBot echo = new EchoBot();
        SimulatedUser user = f.bot().newUser("Rustam", "ru");
        String update = """
                {"update_id": 880001, "message": {"message_id": 1, "date": %d,
                 "chat": {"id": %d, "type": "private", "first_name": "Rustam"},
                 "from": {"id": %d, "is_bot": false, "first_name": "Rustam"}, "text": "once"}}"""
                .formatted(Instant.now().getEpochSecond(), user.chatId(), user.id());
        try (Transport transport = f.longPolling(echo)) {
            transport.start();
            f.bot().enqueueRaw(update);
            user.awaitReceived(1, WAIT);
            f.bot().enqueueRaw(update);
            user.sendText("after");
            user.awaitReceived(2, WAIT);
            assertThat(transport.awaitIdle(WAIT)).isTrue();
        }
        assertThat(echo.handled).filteredOn(id -> id == 880001).hasSize(1);
        assertThat(texts(user.received())).containsExactly("echo: once", "echo: after");
    }

    @Test
    void aFailingUpdateGetsAnApologyInTheUsersLanguageAndPollingGoesOn() throws Exception {
        EchoBot echo = new EchoBot();
        try (Transport transport = f.longPolling(echo)) {
            transport.start();
            SimulatedUser user = f.bot().newUser("Farrukh", "tg");
            user.sendText("boom");
            assertThat(texts(user.awaitReceived(1, WAIT)))
                    .containsExactly(Messages.get().format(Language.TG, "error.apology"));
            user.sendText("still there?");
            assertThat(texts(user.awaitReceived(2, WAIT))).last().isEqualTo("echo: still there?");
            assertThat(transport.awaitIdle(WAIT)).isTrue();
        }
        // Recorded by type only: the exception's message carried personal data.
        assertThat(f.database().dsl().fetchValue("select error from inbox where status = 'failed'"))
                .isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void oneChatIsHandledInOrderWhileOthersGoOnInParallel() throws Exception {
        EchoBot echo = new EchoBot();
        try (Transport transport = f.longPolling(echo)) {
            transport.start();
            SimulatedUser slow = f.bot().newUser("Slow", "ru");
            SimulatedUser fast = f.bot().newUser("Fast", "ru");
            slow.sendText("slow");
            slow.sendText("second");
            slow.sendText("third");
            fast.sendText("quick");
            assertThat(texts(fast.awaitReceived(1, WAIT))).containsExactly("echo: quick");
            assertThat(slow.received()).isEmpty(); // the first is still being handled, the rest wait behind it
            echo.release.countDown();
            assertThat(texts(slow.awaitReceived(3, WAIT))).containsExactly("echo: slow", "echo: second", "echo: third");
        }
    }

    @Test
    void aDatabaseOutageDelaysButLosesNothing() throws Exception {
        EchoBot echo = new EchoBot();
        try (Transport transport = f.longPolling(echo)) {
            transport.start();
            SimulatedUser user = f.bot().newUser("Zarina", "ru");
            refuseInboxWrites();
            user.sendText("while down");
            // The transport has the update and cannot store it: let it fail a few times (it backs off in between).
            Await.until("4 tries to store in the inbox", WAIT, () -> inboxWriteTries() >= 4);
            assertThat(user.received()).isEmpty();
            assertThat(f.bot().pendingUpdateCount()).as("not acknowledged to Telegram").isEqualTo(1);
            acceptInboxWrites();
            assertThat(texts(user.awaitReceived(1, WAIT))).containsExactly("echo: while down");
            assertThat(transport.awaitIdle(WAIT)).isTrue();
        }
        assertThat(echo.handled).hasSize(1);
    }

    @Test
    void killedBetweenStoringAndAcknowledgingNothingIsLostOrDoubled() throws Exception {
        EchoBot hung = new EchoBot();
        hung.stuck = true;
        Transport first = f.longPolling(hung);
        first.start();
        EchoBot echo = new EchoBot();
        int updateId;
        try {
            SimulatedUser user = f.bot().newUser("Nodira", "uz");
            Await.until("polling started", WAIT, () -> !f.bot().calls("deleteWebhook").isEmpty());
            Await.until("the first long poll held open at the fake", WAIT, f.bot()::longPollWaiting);
            // The poll in flight brings the update; the next one, which would acknowledge it, never arrives.
            f.bot().faults().dropConnections("getUpdates", 1_000_000);
            updateId = user.sendText("are you there?");
            Await.until("the update stored", WAIT, () -> inboxRows(f, "update_id = " + updateId) == 1);
            // The process dies: it stops polling and never finishes handling.
            first.stopReceiving();
            assertThat(f.bot().pendingUpdateCount()).as("Telegram still holds it").isEqualTo(1);

            f.bot().faults().clear();
            try (Transport second = f.longPolling(echo)) {
                second.start(); // recovers the stored update; Telegram delivers it again, and the inbox drops that
                assertThat(texts(user.awaitReceived(1, WAIT))).containsExactly("echo: are you there?");
                Await.until("Telegram's copy acknowledged", WAIT, () -> f.bot().pendingUpdateCount() == 0);
                user.sendText("next");
                user.awaitReceived(2, WAIT);
                assertThat(second.awaitIdle(WAIT)).isTrue();
            }
            assertThat(texts(user.received())).containsExactly("echo: are you there?", "echo: next");
        } finally {
            // The dead process's handler thread would hang for ever: end it, now that the test is done with it.
            hung.unstick();
            first.close();
        }
        assertThat(echo.handled).filteredOn(id -> id == updateId).hasSize(1);
    }

    @Test
    void aReplyThrottledWith429IsSentAfterRetryAfter() throws Exception {
        EchoBot echo = new EchoBot();
        try (Transport transport = f.longPolling(echo)) {
            transport.start();
            SimulatedUser user = f.bot().newUser("Bahrom", "tg");
            f.bot().faults().tooManyRequests(1, 2);
            Instant sent = Instant.now();
            user.sendText("hurry");
            assertThat(texts(user.awaitReceived(1, WAIT))).containsExactly("echo: hurry");
            assertThat(Duration.between(sent, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(f.bot().tooManyRequestsAnswered()).isEqualTo(1);
        }
    }

    @Test
    void aUserWhoBlockedTheBotStopsNothing() throws Exception {
        EchoBot echo = new EchoBot();
        try (Transport transport = f.longPolling(echo)) {
            transport.start();
            SimulatedUser gone = f.bot().newUser("Gone", "ru");
            SimulatedUser other = f.bot().newUser("Other", "ru");
            gone.sendText("bye");
            gone.blockBot();
            other.sendText("hi");
            assertThat(texts(other.awaitReceived(1, WAIT))).containsExactly("echo: hi");
            assertThat(transport.awaitIdle(WAIT)).isTrue();
            // One try, no apology, no retries.
            assertThat(f.bot().calls("sendMessage")).filteredOn(c -> c.status() == 403).hasSizeLessThanOrEqualTo(1);
        }
        assertThat(inboxRows(f, "status = 'failed'")).isZero();
    }

    /**
     * The inbox as if the database were away for its writes: every insert fails, and each try is counted in a
     * sequence, which a rollback does not undo, so the test can wait for the tries themselves.
     */
    private void refuseInboxWrites() {
        f.database().dsl().execute("""
                alter table inbox rename to inbox_away;
                create table inbox (like inbox_away including all);
                create sequence inbox_tries;
                create function refuse_inbox() returns trigger language plpgsql as $$
                begin
                    perform nextval('inbox_tries');
                    raise exception 'inbox away';
                end $$;
                create trigger refuse before insert on inbox for each row execute function refuse_inbox();
                """);
    }

    private long inboxWriteTries() {
        return f.database().dsl().fetchSingle("select case when is_called then last_value else 0 end from inbox_tries")
                .get(0, Long.class);
    }

    private void acceptInboxWrites() {
        f.database().dsl().execute("""
                drop table inbox;
                drop function refuse_inbox();
                alter table inbox_away rename to inbox;
                """);
    }

    static int inboxRows(BotFixture f, String where) {
        return f.database().dsl().fetchCount(f.database().dsl().selectOne().from("inbox").where(where));
    }

    static List<String> texts(List<BotMessage> messages) {
        return messages.stream().map(BotMessage::text).toList();
    }
}
