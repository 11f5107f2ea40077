package org.homeward.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.homeward.bot.testing.BotFixture;
import org.homeward.core.outbox.Audience;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Telegram's 30 messages per second, against a server that answers 429 above it: every send accepted, and never
 * more than 30 in a second. How close it comes to 30/s is the benchmark's to measure ({@code ./homeward bench
 * delivery rate}, docs/benchmarks.md); it takes about 35 s.
 */
@Tag("slow")
class RateTest {
    @Test
    void aThousandMessagesAtThirtyPerSecondWithoutA429() throws Exception {
        try (BotFixture fixture = BotFixture.start()) {
            Fake telegram = Fake.of(fixture, 30);
            DSLContext dsl = Harness.dsl(fixture.dataSource());
            telegram.people(dsl, 1000);
            try (Delivery delivery = fixture.delivery(Harness.config(30), fixture.dataSource(), Harness.registry())) {
                long id = delivery.queue().enqueue(dsl, Harness.text("x"), Audience.everyone());
                delivery.start();
                Harness.awaitDone(dsl, id, Duration.ofSeconds(120));
                List<Fake.Call> calls = telegram.calls();

                assertThat(calls).allMatch(c -> c.status() == 200).hasSize(1000);
                Map<Long, Long> perSecond = new TreeMap<>(calls.stream()
                        .collect(Collectors.groupingBy(c -> c.atMillis() / 1000, Collectors.counting())));
                assertThat(perSecond.values()).allMatch(n -> n <= 30);
            }
        }
    }
}
