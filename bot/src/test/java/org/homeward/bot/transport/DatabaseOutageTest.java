package org.homeward.bot.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.INBOX;
import static org.homeward.db.jooq.Tables.REPLY;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.homeward.bot.testing.BotFixture;
import org.homeward.db.Database;
import org.homeward.db.EmbeddedPostgresServer;
import org.homeward.db.enums.InboxStatus;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.homeward.telegram.fake.BotMessage;
import org.homeward.telegram.fake.SimulatedUser;
import org.homeward.testkit.Await;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jooq.DSLContext;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * PostgreSQL goes away while people are writing (issue 10, item 4): the updates it interrupts stay pending and are
 * handled once it is back, each chat in order, and everyone gets their answer once; nobody gets the apology.
 */
@Tag("slow")
class DatabaseOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int PEOPLE = 300;

    @Test
    void everyoneWritingWhenTheDatabaseStopsIsAnsweredOnceWhenItIsBack(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        int port = freePort();
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, port);
        try (Database db = Database.connect(pg.jdbcUrl(), pg.user(), null, 8); BotFixture f = BotFixture.start()) {
            f.withDatabase(db);
            UpdateHandler conversation = f.conversation(Clock.systemUTC());
            // The stimulus: updates are held inside their transactions until the database has gone, so the outage
            // meets them half-way (as many as the pool's connections; the rest wait for a connection meanwhile).
            AtomicInteger holding = new AtomicInteger();
            CountDownLatch gone = new CountDownLatch(1);
            UpdateHandler held = new UpdateHandler() {
                @Override
                public List<Reply> handle(DSLContext tx, Update update) throws Exception {
                    List<Reply> replies = conversation.handle(tx, update);
                    if (gone.getCount() > 0) {
                        holding.incrementAndGet();
                        gone.await();
                    }
                    return replies;
                }

                @Override
                public void questionSent(DSLContext dsl, long chatId, int messageId) {
                    conversation.questionSent(dsl, chatId, messageId);
                }
            };
            Transport transport = f.longPolling(held);
            transport.start();
            List<SimulatedUser> people = new ArrayList<>();
            for (int i = 0; i < PEOPLE; i++) {
                people.add(f.bot().newUser("P" + i, Language.values()[i % 3].code()));
            }
            for (SimulatedUser p : people) {
                p.sendCommand("/start");
            }
            Await.until("updates held half-way", WAIT, () -> holding.get() >= 4);
            pg.close();
            assertThat(db.isReachable()).isFalse();
            gone.countDown();
            for (SimulatedUser p : people.subList(0, PEOPLE / 2)) {
                p.sendText("hello");
            }
            pg = EmbeddedPostgresServer.start(data, port);
            Await.until("everyone answered", WAIT, () -> people.stream().allMatch(p ->
                    p.received().size() >= (people.indexOf(p) < PEOPLE / 2 ? 3 : 1)));
            Await.until("nothing left pending", WAIT, () -> db.dsl().fetchCount(REPLY) == 0
                    && db.dsl().fetchCount(INBOX, INBOX.STATUS.eq(InboxStatus.PENDING)) == 0);
            assertThat(transport.awaitIdle(WAIT)).isTrue();

            for (int i = 0; i < PEOPLE; i++) {
                SimulatedUser p = people.get(i);
            Language language = Language.values()[i % 3];
                List<BotMessage> got = p.received();
                // The answer to /start is the language question; "hello" before a language is chosen gets "press
                // a button" and the question again: in that order, once each, and never the apology.
                assertThat(got).as("%s's messages", p.firstName()).hasSize(i < PEOPLE / 2 ? 3 : 1);
                assertThat(got.getFirst().inlineButtons()).isNotEmpty();
                assertThat(got.getLast().inlineButtons()).isNotEmpty();
                assertThat(got).extracting(BotMessage::text).noneMatch(t -> t.equals(
                        Messages.get().format(language, "error.apology")));
            }
            assertThat(db.dsl().fetchCount(INBOX, INBOX.STATUS.eq(InboxStatus.FAILED))).isZero();
        } finally {
            pg.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
