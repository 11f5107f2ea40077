package org.homeward.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.DELIVERY;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.homeward.bot.testing.BotFixture;
import org.homeward.core.outbox.Audience;
import org.homeward.core.outbox.Outbox;
import org.homeward.db.enums.DeliveryStatus;
import org.homeward.testkit.Await;
import org.homeward.testkit.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A send slower than the row's lease (issue 10, item 5): the sender gives up on it within its send timeout, and
 * starts none that could outlast the lease, so no sender takes a row over while a call for it could still go
 * through. The fake holds calls past the send timeout and drops those whose client gave up ({@code delayNext}).
 */
@Tag("slow")
class SenderLeaseTest {
    private static final int PEOPLE = 5;
    private static final Duration LEASE = Duration.ofSeconds(3);

    @Test
    void aSendSlowerThanTheLeaseIsGivenUpAndTriedAgainNotSentByASecondSenderMeanwhile() throws Exception {
        try (BotFixture fixture = BotFixture.start()) {
            Fake telegram = Fake.of(fixture, 0);
            HikariDataSource poolA = fixture.closeLater(pool(fixture.testDatabase()));
            HikariDataSource poolB = fixture.closeLater(pool(fixture.testDatabase()));
            DSLContext dsl = Harness.dsl(fixture.dataSource());
            long[] people = telegram.people(dsl, PEOPLE);
            // Every first try reaches Telegram only after 5 s, longer than the lease: before the fix the sender
            // still waited for it, so the other one took the row over at 3 s and sent it again.
            telegram.bot.faults().delayNext("sendMessage", PEOPLE, LEASE.plusSeconds(2));
            long id = new Outbox().enqueue(dsl, Harness.text("x"), Audience.everyone());
            DeliveryConfig config = Harness.config(30).withSendTimeout(Duration.ofSeconds(1)).withLease(LEASE);
            try (Delivery a = fixture.delivery(config, poolA, Harness.registry());
                 Delivery b = fixture.delivery(config, poolB, Harness.registry())) {
                a.start();
                b.start();
                Harness.awaitDone(dsl, id, Duration.ofSeconds(60));
                // The held first tries are recorded when their hold ends, after the tries that followed them.
                Await.until("each person's first try and the one after it at the fake", Duration.ofSeconds(60),
                        () -> telegram.calls().size() >= 2 * PEOPLE);
            }

            Map<Long, List<Integer>> statuses = telegram.calls().stream()
                    .sorted(Comparator.comparingLong(Fake.Call::atNanos))
                    .collect(Collectors.groupingBy(Fake.Call::chatId,
                            Collectors.mapping(Fake.Call::status, Collectors.toList())));
            assertThat(statuses).hasSize(PEOPLE);
            for (long person : people) {
                // The first try given up on (it never reached the bot), the second accepted: one message each.
                assertThat(statuses.get(person)).as("sendMessage answers for one person").containsExactly(0, 200);
            }
            assertThat(dsl.selectFrom(DELIVERY).where(DELIVERY.MESSAGE_ID.eq(id)).fetch())
                    .hasSize(PEOPLE)
                    .allSatisfy(r -> {
                        // Two tries: the second followed the first's recorded failure. A row taken over at the end
                        // of its lease would show one, the first try never having been recorded.
                        assertThat(r.getStatus()).isEqualTo(DeliveryStatus.SENT);
                        assertThat(r.getTries().intValue()).as("tries").isEqualTo(2);
                    });
        }
    }

    @Test
    void aSendThatCouldOutlastItsLeaseIsNotStartedButHandedBack() throws Exception {
        Duration sendTimeout = Duration.ofSeconds(2);
        try (BotFixture fixture = BotFixture.start()) {
            Fake telegram = Fake.of(fixture, 0);
            DSLContext dsl = Harness.dsl(fixture.dataSource());
            long[] all = telegram.people(dsl, PEOPLE + 1);
            long first = all[0];
            List<Long> people = Arrays.stream(all).skip(1).boxed().toList();
            Outbox queue = new Outbox();
            // A message to one person first, answered 429 with retry_after 3 s: every send after it waits that out.
            telegram.throttleNext(1, 3);
            long firstId = queue.enqueue(dsl, Harness.text("x"), Audience.chat(first));
            // A back-off of a second: a retry comes well over a send timeout after the try it follows, whatever the
            // time a request takes to reach the fake.
            DeliveryConfig config = Harness.config(30).withSendTimeout(sendTimeout).withLease(Duration.ofSeconds(4))
                    .withBackoff(Duration.ofSeconds(1));
            try (Delivery delivery = fixture.delivery(config, fixture.dataSource(), Harness.registry())) {
                delivery.start();
                // Recorded once the sender has taken the pause in: the sends after it wait.
                Await.until("the first send recorded as throttled", () -> dsl.fetchExists(DELIVERY,
                        DELIVERY.MESSAGE_ID.eq(firstId).and(DELIVERY.LAST_ERROR.startsWith("429"))));
                // Each of the next sends reaches the bot only after its client has given up on it: a call started
                // late in its lease would go on past the lease's end.
                telegram.bot.faults().delayNext("sendMessage", PEOPLE + 1, Duration.ofSeconds(5));
                // Claimed now, with about a second of their 4 s lease left when the pause ends.
                long id = queue.enqueue(dsl, Harness.text("x"), Audience.chats(people));
                Harness.awaitDone(dsl, firstId, Duration.ofSeconds(60));
                Harness.awaitDone(dsl, id, Duration.ofSeconds(60));
                // The 429, every held call (recorded when its hold ends), and one accepted send each.
                Await.until("every call at the fake", Duration.ofSeconds(60),
                        () -> telegram.calls().size() >= 1 + 2 * (PEOPLE + 1));
            }

            List<Fake.Call> calls = telegram.calls();
            // One message each.
            assertThat(telegram.accepted()).extracting(Fake.Call::chatId)
                    .containsExactlyInAnyOrder(Arrays.stream(all).boxed().toArray(Long[]::new));
            Map<Long, List<Long>> arrivals = calls.stream()
                    .sorted(Comparator.comparingLong(Fake.Call::atNanos))
                    .collect(Collectors.groupingBy(Fake.Call::chatId,
                            Collectors.mapping(Fake.Call::atNanos, Collectors.toList())));
            long start = calls.stream().mapToLong(Fake.Call::atNanos).min().orElseThrow();
            for (long person : all) {
                List<Long> times = arrivals.get(person);
                for (int i = 1; i < times.size(); i++) {
                    // A try follows the one before only once that one's call is over: given up after the send
                    // timeout (or answered). Had a send started with a second of its lease left, the row would
                    // have been taken over at the lease's end and sent again while the call was still waiting.
                    assertThat(Duration.ofNanos(times.get(i) - times.get(i - 1)))
                            .as("time between two tries to one person (arrivals at ms %s)",
                                    times.stream().map(t -> (t - start) / 1_000_000).toList())
                            .isGreaterThanOrEqualTo(sendTimeout);
                }
            }
        }
    }

    private static HikariDataSource pool(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}
