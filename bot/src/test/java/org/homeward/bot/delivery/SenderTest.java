package org.homeward.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.DELIVERY;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

@Tag("slow")
class SenderTest {
    private static final DeliveryConfig CONFIG = Harness.config(200);
    private BotFixture fixture;
    private DSLContext dsl;
    private Fake telegram;
    private PrometheusMeterRegistry registry;
    private Delivery delivery;

    @BeforeEach
    void start() {
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
}
