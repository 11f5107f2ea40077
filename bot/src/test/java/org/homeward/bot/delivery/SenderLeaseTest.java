package org.homeward.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.DELIVERY;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
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
 * A send slower than the row's lease (issue 10, item 5): the sender gives up on it within its send timeout, well
 * before the lease ends, so no other sender takes the row over while the first call could still go through.
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
                        assertThat(r.getStatus()).isEqualTo(DeliveryStatus.SENT);
                        assertThat(r.getTries().intValue()).as("tries").isEqualTo(2);
                    });
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
