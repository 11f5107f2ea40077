package org.homeward.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.DELIVERY;
import static org.homeward.db.jooq.Tables.DELIVERY_MESSAGE;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.homeward.bot.testing.BotFixture;
import org.homeward.core.outbox.Audience;
import org.homeward.core.outbox.OutgoingMessage.Button;
import org.homeward.core.outbox.OutgoingMessage.Text;
import org.homeward.core.outbox.OutgoingMessage;
import org.homeward.db.enums.DeliveryStatus;
import org.homeward.db.enums.UnreachableReason;
import org.homeward.i18n.Language;
import org.homeward.testkit.Await;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@Tag("slow")
class SenderTest {
    private static final DeliveryConfig CONFIG = Harness.config(200);
    private BotFixture fixture;
    private DSLContext dsl;
    private Fake telegram;
    private PrometheusMeterRegistry registry;
    private Delivery delivery;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start() {
        // What the sender logs, to check it says what went wrong and nothing personal.
        logs.start();
        ((Logger) LoggerFactory.getLogger(Sender.class)).addAppender(logs);
        fixture = BotFixture.start();
        dsl = Harness.dsl(fixture.dataSource());
        telegram = Fake.of(fixture, 0);
        registry = Harness.registry();
        delivery = fixture.delivery(CONFIG, fixture.dataSource(), registry);
        delivery.start();
    }

    @AfterEach
    void stop() {
        fixture.close();
        ((Logger) LoggerFactory.getLogger(Sender.class)).detachAppender(logs);
    }

    @Test
    void rendersInEachRecipientsLanguageWithTheKeyboardAndKeepsTelegramsMessageId() throws Exception {
        long[] p = telegram.people(dsl, 3); // ru, tg, uz
        Text yes = Text.written(Map.of(Language.RU, "Еду", Language.TG, "Меравам", Language.UZ, "Boraman"));
        OutgoingMessage message = new OutgoingMessage("departure",
                Text.written(Map.of(Language.RU, "Автобус", Language.TG, "Автобус (tg)", Language.UZ, "Avtobus")),
                List.of(List.of(Button.callback(yes, "going:1"))), false);
        long id = delivery.queue().enqueue(dsl, message, Audience.everyone());
        Harness.awaitDone(dsl, id, Duration.ofSeconds(30));

        assertThat(telegram.accepted()).extracting(Fake.Call::chatId, Fake.Call::text)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(p[1], "Автобус (tg)"),
                        org.assertj.core.groups.Tuple.tuple(p[2], "Avtobus"),
                        org.assertj.core.groups.Tuple.tuple(p[0], "Автобус"));
        assertThat(telegram.bot.messagesTo(p[1]).getFirst().inlineButtons())
                .extracting(b -> b.text(), b -> b.callbackData()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Меравам", "going:1"));
        assertThat(telegram.accepted()).allMatch(Fake.Call::hasKeyboard).noneMatch(Fake.Call::paid);
        assertThat(dsl.fetch(DELIVERY)).allSatisfy(r -> {
            assertThat(r.getStatus()).isEqualTo(DeliveryStatus.SENT);
            assertThat(r.getTries()).isEqualTo((short) 1);
            assertThat(r.getTelegramMessageId()).isPositive();
            assertThat(r.getLeaseUntil()).isNull();
        });
        var progress = delivery.queue().progress(dsl, id).orElseThrow();
        assertThat(progress.sent()).isEqualTo(3);
        assertThat(progress.timeLeft()).contains(Duration.ZERO);
        assertThat(registry.scrape()).contains("homeward_delivery_sent_total 3.0")
                .contains("homeward_delivery_send_seconds_count 3").contains("homeward_delivery_queue_depth");
    }

    @Test
    void retriesAFiveHundredAndThenSends() throws Exception {
        long[] p = telegram.people(dsl, 1);
        telegram.failNext(1);
        long id = delivery.queue().enqueue(dsl, Harness.text("x"), Audience.chat(p[0]));
        Harness.awaitDone(dsl, id, Duration.ofSeconds(30));
        assertThat(telegram.calls()).extracting(Fake.Call::status).containsExactly(502, 200);
        var row = dsl.fetchSingle(DELIVERY, DELIVERY.MESSAGE_ID.eq(id));
        assertThat(row.getStatus()).isEqualTo(DeliveryStatus.SENT);
        assertThat(row.getTries()).isEqualTo((short) 2);
    }

    @Test
    void aThirdTransientFailureEndsAsFailed() throws Exception {
        long[] p = telegram.people(dsl, 1);
        telegram.failNext(3);
        long id = delivery.queue().enqueue(dsl, Harness.text("x"), Audience.chat(p[0]));
        Harness.awaitDone(dsl, id, Duration.ofSeconds(30));
        assertThat(telegram.calls()).extracting(Fake.Call::status).containsExactly(502, 502, 502);
        var row = dsl.fetchSingle(DELIVERY, DELIVERY.MESSAGE_ID.eq(id));
        assertThat(row.getStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(row.getTries()).isEqualTo((short) 3);
        assertThat(row.getLastError()).isEqualTo("502 Bad Gateway");
        assertThat(registry.scrape()).contains("homeward_delivery_failed_total 1.0");
    }

    @Test
    void aPersonWhoBlockedTheBotIsMarkedUnreachableAfterOneTryAndLeftOutUntilTheyWriteAgain() throws Exception {
        long[] p = telegram.people(dsl, 3);
        telegram.bot.user(p[0]).blockBot();
        telegram.bot.user(p[1]).deactivate();
        long id = delivery.queue().enqueue(dsl, Harness.text("x"), Audience.everyone());
        Harness.awaitDone(dsl, id, Duration.ofSeconds(30));
        assertThat(telegram.calls().stream().filter(c -> c.chatId() == p[0])).hasSize(1);
        assertThat(dsl.fetchSingle(TELEGRAM_USER, TELEGRAM_USER.CHAT_ID.eq(p[0])).getUnreachableReason()).isEqualTo(UnreachableReason.BLOCKED);
        assertThat(dsl.fetchSingle(TELEGRAM_USER, TELEGRAM_USER.CHAT_ID.eq(p[1])).getUnreachableReason())
                .isEqualTo(UnreachableReason.DEACTIVATED);
        assertThat(dsl.fetchSingle(DELIVERY, DELIVERY.CHAT_ID.eq(p[0])).getStatus()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(registry.scrape()).contains("homeward_delivery_blocked_total 2.0");

        long next = delivery.queue().enqueue(dsl, Harness.text("y"), Audience.everyone());
        assertThat(delivery.queue().progress(dsl, next).orElseThrow().total()).isEqualTo(1);

        // They unblock the bot and write to it: the conversation handles the update as it comes from Telegram.
        telegram.bot.user(p[0]).unblockBot();
        telegram.bot.user(p[0]).sendText("Салом");
        fixture.handUpdates(fixture.conversation(Clock.systemUTC()));
        assertThat(dsl.fetchSingle(TELEGRAM_USER, TELEGRAM_USER.CHAT_ID.eq(p[0])).getUnreachableAt()).isNull();
        long third = delivery.queue().enqueue(dsl, Harness.text("z"), Audience.everyone());
        assertThat(delivery.queue().progress(dsl, third).orElseThrow().total()).isEqualTo(2);
        Harness.awaitDone(dsl, third, Duration.ofSeconds(30));
        assertThat(telegram.accepted()).filteredOn(c -> c.chatId() == p[0]).extracting(Fake.Call::text).contains("z");
        assertThat(delivery.queue().progress(dsl, third).orElseThrow().sent()).isEqualTo(2);
    }

    @Test
    void twoMessagesToOneChatAreAboutASecondApart() throws Exception {
        long[] p = telegram.people(dsl, 1);
        long a = delivery.queue().enqueue(dsl, Harness.text("a"), Audience.chat(p[0]));
        long b = delivery.queue().enqueue(dsl, Harness.text("b"), Audience.chat(p[0]));
        Harness.awaitDone(dsl, a, Duration.ofSeconds(30));
        Harness.awaitDone(dsl, b, Duration.ofSeconds(30));
        List<Fake.Call> calls = telegram.accepted();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).atNanos() - calls.get(0).atNanos()).isGreaterThan(900_000_000L);
    }

    @Test
    void aScripted429StopsAllSendingForItsRetryAfter() throws Exception {
        telegram.people(dsl, 300);
        long id = delivery.queue().enqueue(dsl, Harness.text("x"), Audience.everyone());
        Await.until("50 sends accepted", Duration.ofSeconds(30), () -> telegram.accepted().size() >= 50);
        telegram.throttleNext(1, 5);
        Harness.awaitDone(dsl, id, Duration.ofSeconds(60));

        List<Fake.Call> calls = telegram.calls();
        Fake.Call throttled = calls.stream().filter(c -> c.status() == 429).findFirst().orElseThrow();
        // Sends already on their way when the 429 came back may land just after it: at most as many as the engine
        // lets wait for Telegram at once. Nothing else for 5 s.
        List<Fake.Call> during = calls.stream()
                .filter(c -> c.atNanos() > throttled.atNanos() && c.atNanos() < throttled.atNanos() + 4_950_000_000L)
                .toList();
        assertThat(during).hasSizeLessThanOrEqualTo(CONFIG.maxInFlight());
        // Only the scripted 429: no send after it met another.
        assertThat(calls.stream().filter(c -> c.status() == 429)).containsExactly(throttled);
        assertThat(telegram.accepted().stream().map(Fake.Call::chatId).distinct()).hasSize(300);
        var progress = delivery.queue().progress(dsl, id).orElseThrow();
        assertThat(progress.sent()).isEqualTo(300);
        assertThat(registry.scrape()).containsPattern("homeward_delivery_throttled_total [1-9]");
    }

    @Test
    void cancelSkipsWhatIsNotYetSent() throws Exception {
        telegram.people(dsl, 400);
        long id = delivery.queue().enqueue(dsl, Harness.text("x"), Audience.everyone());
        Await.until("20 sends accepted", Duration.ofSeconds(30), () -> telegram.accepted().size() >= 20);
        int skipped = delivery.queue().cancel(dsl, id);
        Harness.awaitDone(dsl, id, Duration.ofSeconds(30));
        // Stopping lets the sends in flight finish and records them: after it, the fake and the rows agree or never.
        delivery.close();
        var progress = delivery.queue().progress(dsl, id).orElseThrow();
        assertThat(skipped).isPositive();
        assertThat(progress.skipped()).isEqualTo(skipped);
        assertThat(progress.sent()).isEqualTo(telegram.accepted().size()).isLessThan(400);
    }

    @Test
    void aMessageThatCannotBeRenderedFailsItsOwnRowsWithTheReasonAndTheRestOfTheBatchIsSent() throws Exception {
        long[] p = telegram.people(dsl, 6);
        // In one transaction, so that one claim takes all three and no sender reads the key before it is renamed.
        long[] ids = dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            long good = delivery.queue().enqueue(tx, Harness.text("Автобус в 9:00"), Audience.everyone());
            long renamed = delivery.queue().enqueue(tx, OutgoingMessage.of("broadcast",
                    Text.key("dep.answer.cannot", Map.of("hotline", "+992 44 600 00 00"))), Audience.everyone());
            // As a release that renamed the key finds the message queued before it.
            tx.update(DELIVERY_MESSAGE).set(DELIVERY_MESSAGE.TEXT_KEY, "dep.answer.cannot_before_renaming")
                    .where(DELIVERY_MESSAGE.ID.eq(renamed)).execute();
            // A word where the catalog counts: the plural cannot take it.
            long misfit = delivery.queue().enqueue(tx, OutgoingMessage.of("reminder",
                    Text.key("consent.short", Map.of("operation", "МОМ", "months", "шесть"))), Audience.everyone());
            return new long[] {good, renamed, misfit};
        });
        for (long id : ids) {
            Harness.awaitDone(dsl, id, Duration.ofSeconds(30));
        }

        assertThat(telegram.accepted()).extracting(Fake.Call::chatId)
                .containsExactlyInAnyOrder(p[0], p[1], p[2], p[3], p[4], p[5]);
        // Nothing of the other two reached Telegram, and nothing was tried again.
        assertThat(telegram.calls()).extracting(Fake.Call::text).containsOnly("Автобус в 9:00").hasSize(6);
        assertThat(dsl.fetch(DELIVERY, DELIVERY.MESSAGE_ID.eq(ids[1]))).hasSize(6).allSatisfy(r -> {
            assertThat(r.getStatus()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(r.getTries()).isEqualTo((short) 1);
            assertThat(r.getLastError()).isEqualTo("no catalog key dep.answer.cannot_before_renaming in tg");
        });
        Map<Long, String> languages = dsl.select(TELEGRAM_USER.CHAT_ID, TELEGRAM_USER.LANGUAGE).from(TELEGRAM_USER)
                .fetchMap(TELEGRAM_USER.CHAT_ID, TELEGRAM_USER.LANGUAGE);
        assertThat(dsl.fetch(DELIVERY, DELIVERY.MESSAGE_ID.eq(ids[2]))).hasSize(6).allSatisfy(r -> {
            assertThat(r.getStatus()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(r.getTries()).isEqualTo((short) 1);
            assertThat(r.getLastError()).isEqualTo("cannot render consent.short in " + languages.get(r.getChatId())
                    + " (IllegalArgumentException)");
        });
        assertThat(registry.scrape()).contains("homeward_delivery_sent_total 6.0")
                .contains("homeward_delivery_failed_total 12.0");
        // Said once per message and language, by message id: no chat, no text, no argument.
        List<String> lines = logLines();
        assertThat(lines).filteredOn(l -> l.contains("message " + ids[1] + " ")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.contains("message " + ids[2] + ":")).hasSize(3);
        assertNothingPersonal(lines, p, "шесть", "МОМ", "+992", "Автобус");
    }

    @Test
    void theDispatcherGoesOnAfterAnUnexpectedFaultAndSaysSo() throws Exception {
        // An engine of its own, on a data source that fails once as nothing in the dispatcher expects.
        delivery.close();
        FailingOnce failing = new FailingOnce(fixture.dataSource());
        Delivery engine = fixture.delivery(CONFIG, failing, Harness.registry());
        engine.start();
        // Idle, only the dispatcher's claims ask for connections.
        failing.failNext();
        Await.until("the fault hit", Duration.ofSeconds(30), () -> failing.failedOn() != null);
        assertThat(failing.failedOn()).isEqualTo("delivery-dispatcher");

        long[] p = telegram.people(dsl, 3);
        long id = engine.queue().enqueue(dsl, Harness.text("Автобус в 9:00"), Audience.everyone());
        Harness.awaitDone(dsl, id, Duration.ofSeconds(30));

        assertThat(telegram.accepted()).extracting(Fake.Call::chatId).containsExactlyInAnyOrder(p[0], p[1], p[2]);
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.ERROR).extracting(ILoggingEvent::getFormattedMessage)
                .singleElement().asString().contains("dispatching failed").contains(NoClassDefFoundError.class.getName());
        assertNothingPersonal(logLines(), p, "Автобус");
    }

    @Test
    void theCacheOfMessagesStaysBoundedAndEveryoneStillGetsTheirOwnMessage() throws Exception {
        // Claims of 300 rows: more messages in one batch than are kept, so the cache drops some while it is used.
        delivery.close();
        DeliveryConfig config = Harness.config(300);
        Sender sender = fixture.closeLater(new Sender(fixture.dataSource(), fixture.client(),
                new RateLimiter(fixture.dataSource(), config), config, Harness.registry()));
        int n = Sender.CACHED_MESSAGES + 44;
        long[] p = telegram.people(dsl, n);
        // One message per person, as departure notices are.
        List<Long> ids = dsl.transactionResult(c -> {
            List<Long> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add(delivery.queue().enqueue(c.dsl(), Harness.text("Сообщение " + i),
                        Audience.chat(p[i])));
            }
            return list;
        });
        sender.start();
        Await.until("every message sent", Duration.ofSeconds(60), () -> dsl.fetchCount(DELIVERY,
                DELIVERY.STATUS.in(DeliveryStatus.QUEUED, DeliveryStatus.SENDING)) == 0);

        Map<Long, List<String>> received = telegram.accepted().stream().collect(
                Collectors.groupingBy(Fake.Call::chatId, Collectors.mapping(Fake.Call::text, Collectors.toList())));
        for (int i = 0; i < n; i++) {
            assertThat(received.get(p[i])).containsExactly("Сообщение " + i);
        }
        assertThat(ids).hasSize(n);
        assertThat(sender.cachedMessages()).isLessThanOrEqualTo(Sender.CACHED_MESSAGES);
    }

    @Test
    void aDepartureNoticeShowsTheTimeOfTheDeparturePointInEachRecipientsLanguage() throws Exception {
        long[] p = telegram.people(dsl, 3); // ru, tg, uz
        ZonedDateTime when = ZonedDateTime.of(2026, 11, 24, 8, 30, 0, 0, ZoneId.of("Asia/Almaty"));
        long id = delivery.queue().enqueue(dsl, OutgoingMessage.of("departure", Text.key("dep.notice",
                Map.of("when", when, "place", "Алматы", "meeting", "Автовокзал Сайран"))), Audience.everyone());
        Harness.awaitDone(dsl, id, Duration.ofSeconds(30));

        Map<Long, String> texts = telegram.accepted().stream().collect(Collectors.toMap(Fake.Call::chatId, Fake.Call::text));
        assertThat(texts.get(p[0])).contains("Выезд: вторник, 24 ноября в 08:30\n");
        assertThat(texts.get(p[1])).contains("Кай: сешанбе, 24 ноябр соати 08:30\n");
        assertThat(texts.get(p[2])).contains("Qachon: seshanba, 24-noyabr, 08:30\n");
    }

    private List<String> logLines() {
        return List.copyOf(logs.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static void assertNothingPersonal(List<String> lines, long[] chats, String... texts) {
        for (String line : lines) {
            for (long chat : chats) {
                assertThat(line).doesNotContain(Long.toString(chat));
            }
            for (String text : texts) {
                assertThat(line).doesNotContain(text);
            }
        }
    }

    /** A data source whose next connection, once asked for, fails with an error nobody catches on purpose. */
    private static final class FailingOnce implements DataSource {
        private final DataSource delegate;
        private final AtomicBoolean armed = new AtomicBoolean();
        private final AtomicReference<String> failedOn = new AtomicReference<>();

        FailingOnce(DataSource delegate) {
            this.delegate = delegate;
        }

        void failNext() {
            armed.set(true);
        }

        /** The thread that met the fault, or null before. */
        String failedOn() {
            return failedOn.get();
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (armed.compareAndSet(true, false)) {
                failedOn.set(Thread.currentThread().getName());
                // As when a class of the driver cannot be loaded any more (a jar replaced under a running process).
                throw new NoClassDefFoundError("org/postgresql/jdbc/PgConnection");
            }
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return delegate.getConnection(user, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return delegate.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return delegate.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return delegate.isWrapperFor(iface);
        }
    }
}
