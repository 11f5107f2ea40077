package org.homeward.bot.delivery;

import static org.homeward.db.jooq.Tables.DELIVERY;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.homeward.core.outbox.OutgoingMessage.Text;
import org.homeward.core.outbox.OutgoingMessage;
import org.homeward.db.enums.DeliveryStatus;
import org.homeward.i18n.Language;
import org.homeward.testkit.Await;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Shared steps of the delivery tests: people in the database, a fast configuration, waiting for the end. */
final class Harness {
    private Harness() {}

    static DSLContext dsl(DataSource dataSource) {
        return DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    /** Adds people with chat ids {@code from} .. {@code from + count - 1}, languages in turn. */
    static void people(DSLContext dsl, long from, int count) {
        dsl.execute("insert into telegram_user (chat_id, language) select g, (array['ru','tg','uz'])[1 + g % 3]"
                + " from generate_series(?::bigint, ?::bigint) g on conflict do nothing", from, from + count - 1);
    }

    static OutgoingMessage text(String ru) {
        return OutgoingMessage.of("broadcast", Text.written(Map.of(Language.RU, ru)));
    }

    /** A fast configuration for tests: short back-off, lease and send timeout, quick polling. */
    static DeliveryConfig config(double rate) {
        return new DeliveryConfig(rate, 0, Duration.ofSeconds(1), 3, Duration.ofMillis(100), Duration.ofSeconds(10),
                Duration.ofSeconds(2), 100, Duration.ofMillis(20));
    }

    static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** Waits until every row of {@code messageId} has a final status. */
    static void awaitDone(DSLContext dsl, long messageId, Duration timeout) {
        Await.until("every recipient of message " + messageId + " done", timeout, () -> dsl.fetchCount(DELIVERY,
                DELIVERY.MESSAGE_ID.eq(messageId).and(DELIVERY.STATUS.in(DeliveryStatus.QUEUED, DeliveryStatus.SENDING))) == 0);
    }
}
