package org.homeward.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.DELIVERY;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.homeward.bot.testing.BotFixture;
import org.homeward.core.outbox.Audience;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.outbox.OutgoingMessage.Text;
import org.homeward.core.outbox.OutgoingMessage;
import org.homeward.db.enums.DeliveryStatus;
import org.homeward.i18n.Language;
import org.homeward.testkit.Await;
import org.homeward.testkit.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** kill -9 in the middle of 10,000 sends, then a restart: nobody missed, duplicates only what was in flight. */
@Tag("slow")
class CrashTest {
    private static final int PEOPLE = 10_000;

    @Test
    void aKilledSenderLosesNobodyAndRepeatsOnlyWhatWasInFlight() throws Exception {
        try (BotFixture fixture = BotFixture.start()) {
            Fake telegram = Fake.of(fixture, 0);
            TestDatabase db = fixture.testDatabase();
            DSLContext dsl = Harness.dsl(db.dataSource());
            telegram.people(dsl, PEOPLE);
            long id = new Outbox().enqueue(dsl, new OutgoingMessage("broadcast",
                    Text.written(Map.of(Language.RU, "Срочно")), List.of(), true), Audience.everyone());

            Process first = start(db, fixture);
            try {
                Await.until("a third of the sends accepted", Duration.ofSeconds(60),
                        () -> telegram.accepted().size() >= PEOPLE / 3);
            } finally {
                first.destroyForcibly().waitFor();
            }
            int sentAtKill = telegram.accepted().size();
            int inFlight = dsl.fetchCount(DELIVERY, DELIVERY.MESSAGE_ID.eq(id).and(DELIVERY.STATUS.eq(DeliveryStatus.SENDING)));
            assertThat(sentAtKill).isBetween(PEOPLE / 3, PEOPLE - 1);

            Process second = start(db, fixture);
            try {
                Harness.awaitDone(dsl, id, Duration.ofSeconds(120));
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

    /** A Homeward instance doing nothing but delivery, as its own process; it ends when this JVM does, at the latest. */
    private static Process start(TestDatabase db, BotFixture fixture) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("surefire.test.class.path"),
                DeliveryProcessMain.class.getName(), db.jdbcUrl(), db.user(), fixture.baseUrl().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p;
    }

}
