package org.homeward.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.homeward.core.broadcasts.Broadcasts;
import org.homeward.core.broadcasts.Broadcasts.Draft;
import org.homeward.core.broadcasts.Broadcasts.Filter;
import org.homeward.core.outbox.Outbox;
import org.homeward.testkit.Await;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled broadcasts whose time passed while Homeward was down: at the next start the broadcasts-due job sends
 * the one within BROADCAST_MISSED_AFTER and marks the older one missed, each audited; none is silently dropped.
 */
@Tag("slow")
class ScheduledBroadcastRestartTest {
    @Test
    void aBroadcastDueWhileDownIsSentAtStartOrMarkedMissedWhenTooOld(@TempDir Path dataDir) {
        Instant now = Instant.now();
        long recent;
        long old;
        try (Homeward first = Homeward.start(Config.defaults(0, dataDir))) {
            DSLContext dsl = first.database().dsl();
            long author = dsl.fetchSingle("insert into staff_account (email, role, created_at, updated_at)"
                    + " values ('a@example.org', 'staff', now(), now()) returning id").get(0, Long.class);
            dsl.execute("insert into telegram_user (chat_id, language) values (77, 'tg')");
            recent = schedule(dsl, author, now.plusSeconds(3600));
            old = schedule(dsl, author, now.plusSeconds(7200));
            // As if the times had passed while Homeward was down: 10 minutes and 7 hours ago (the limit is 6 h).
            dsl.execute("update broadcast set scheduled_at = ?::timestamptz where id = ?", now.minus(Duration.ofMinutes(10)).toString(), recent);
            dsl.execute("update broadcast set scheduled_at = ?::timestamptz where id = ?", now.minus(Duration.ofHours(7)).toString(), old);
            // Stopped before the job's next run could see them.
        }
        try (Homeward again = Homeward.start(Config.defaults(0, dataDir))) {
            DSLContext dsl = again.database().dsl();
            Await.until("both scheduled broadcasts handled at start", Duration.ofSeconds(60), () ->
                    dsl.fetchCount(dsl.selectFrom("broadcast").where("state in ('sent', 'missed')")) == 2);
            assertThat(dsl.fetchValue("select state from broadcast where id = ?", recent)).isEqualTo("sent");
            assertThat(dsl.fetchValue("select state from broadcast where id = ?", old)).isEqualTo("missed");
            assertThat(dsl.fetchValue("select recipients from broadcast where id = ?", recent)).isEqualTo(1);
            assertThat(dsl.fetchCount(dsl.selectFrom("audit_log").where("action = 'broadcast.missed'"))).isEqualTo(1);
            assertThat(dsl.fetchCount(dsl.selectFrom("audit_log").where("action = 'broadcast.sent'"))).isEqualTo(1);
        }
    }

    private static long schedule(DSLContext dsl, long author, Instant at) {
        return dsl.transactionResult(c -> {
            Broadcasts b = new Broadcasts(c.dsl(), new Outbox());
            long id = b.create(Draft.of("Салом", "Привет", "Salom", Filter.everyone()), author, Instant.now());
            assertThat(b.request(id, 1, at, 1000, Instant.now())).isInstanceOf(Broadcasts.Outcome.Scheduled.class);
            return id;
        });
    }
}
