package org.homeward.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.DELIVERY;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.homeward.core.outbox.Audience;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.outbox.OutgoingMessage.Text;
import org.homeward.core.outbox.OutgoingMessage;
import org.homeward.db.enums.DeliveryStatus;
import org.homeward.i18n.Language;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** kill -9 in the middle of 10,000 sends, then a restart: nobody missed, duplicates only what was in flight. */
class CrashTest {
    private static final int PEOPLE = 10_000;

    @Test
    void aKilledSenderLosesNobodyAndRepeatsOnlyWhatWasInFlight() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase(); Fake telegram = Fake.start(0)) {
            DSLContext dsl = Harness.dsl(db.dataSource());
            telegram.people(dsl, PEOPLE);
            long id = new Outbox().enqueue(dsl, new OutgoingMessage("broadcast",
                    Text.written(Map.of(Language.RU, "Срочно")), List.of(), true), Audience.everyone());

            Process first = start(db, telegram);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (telegram.accepted().size() < PEOPLE / 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            first.destroyForcibly().waitFor();
            int sentAtKill = telegram.accepted().size();
            int inFlight = dsl.fetchCount(DELIVERY, DELIVERY.MESSAGE_ID.eq(id).and(DELIVERY.STATUS.eq(DeliveryStatus.SENDING)));
            assertThat(sentAtKill).isBetween(PEOPLE / 3, PEOPLE - 1);

            Process second = start(db, telegram);
            try {
                Harness.awaitDone(dsl, id, Duration.ofSeconds(60));
            } finally {
                second.destroy();
                second.waitFor();
            }

            Map<Long, Long> perChat = telegram.accepted().stream()
                    .collect(Collectors.groupingBy(Fake.Call::chatId, Collectors.counting()));
            long duplicates = perChat.values().stream().mapToLong(n -> n - 1).sum();
            assertThat(perChat).hasSize(PEOPLE);
            assertThat(perChat.values()).allMatch(n -> n <= 2);
            assertThat(duplicates).isLessThanOrEqualTo(inFlight);
            assertThat(telegram.accepted()).allMatch(Fake.Call::paid);
            assertThat(new Outbox().progress(dsl, id).orElseThrow().sent()).isEqualTo(PEOPLE);
            System.out.printf("crash test: killed after %d sends with %d rows in flight; %d duplicates%n",
                    sentAtKill, inFlight, duplicates);
        }
    }

    private static Process start(TestDatabase db, Fake telegram) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("surefire.test.class.path"),
                DeliveryProcessMain.class.getName(), db.jdbcUrl(), db.user(), telegram.baseUrl().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p;
    }

}
