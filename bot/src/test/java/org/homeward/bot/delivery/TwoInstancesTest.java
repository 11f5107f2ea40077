package org.homeward.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.homeward.bot.testing.BotFixture;
import org.homeward.core.outbox.Audience;
import org.homeward.core.outbox.Outbox;
import org.homeward.testkit.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two instances on one database: each recipient exactly once, and together within the bot's one rate. */
@Tag("slow")
class TwoInstancesTest {
    private static final int PEOPLE = 5_000;
    private static final int RATE = 300;

    @Test
    void twoSendersShareTheRowsAndTheRate() throws Exception {
        try (BotFixture fixture = BotFixture.start()) {
            Fake telegram = Fake.of(fixture, 0);
            HikariDataSource poolA = fixture.closeLater(pool(fixture.testDatabase()));
            HikariDataSource poolB = fixture.closeLater(pool(fixture.testDatabase()));
            DSLContext dsl = Harness.dsl(fixture.dataSource());
            telegram.people(dsl, PEOPLE);
            long id = new Outbox().enqueue(dsl, Harness.text("x"), Audience.everyone());
            long start = System.nanoTime();
            try (Delivery a = fixture.delivery(Harness.config(RATE), poolA, Harness.registry());
                 Delivery b = fixture.delivery(Harness.config(RATE), poolB, Harness.registry())) {
                a.start();
                b.start();
                Harness.awaitDone(dsl, id, Duration.ofSeconds(120));
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            Map<Long, Long> perChat = telegram.accepted().stream()
                    .collect(Collectors.groupingBy(Fake.Call::chatId, Collectors.counting()));
            assertThat(perChat).hasSize(PEOPLE);
            assertThat(perChat.values()).allMatch(n -> n == 1);
            assertThat(telegram.calls()).allMatch(c -> c.status() == 200);
            Map<Long, Long> perSecond = new TreeMap<>(telegram.calls().stream()
                    .collect(Collectors.groupingBy(c -> c.atMillis() / 1000, Collectors.counting())));
            System.out.println("two instances, sends per second: " + perSecond.values());
            assertThat(perSecond.values()).allMatch(n -> n <= RATE);
            // One rate shared, not one each: 5,000 at 300/s take about 17 s.
            assertThat(seconds).isGreaterThan(PEOPLE / (double) RATE);
        }
    }

    private static HikariDataSource pool(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setMaximumPoolSize(6);
        return new HikariDataSource(config);
    }
}
