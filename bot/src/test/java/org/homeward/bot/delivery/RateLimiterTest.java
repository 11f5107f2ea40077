package org.homeward.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.homeward.testkit.Await;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    // Every check below reads the departure times the limiter itself recorded, not the test's clock after it
    // returned: a busy machine delays the test's threads, never the limiter's record, so nothing here depends on
    // the machine's speed.

    @Test
    void bulkSlotsAreEvenlySpacedFromTheFirst() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase()) {
            long before = System.nanoTime();
            RateLimiter limiter = new RateLimiter(db.dataSource(), Harness.config(30));
            long[] at = new long[15];
            for (int i = 0; i < at.length; i++) {
                at[i] = limiter.acquireBulk(false);
            }
            // No burst at the start: the i-th send keeps its place on the schedule of one slot per 1/29.7 s (99%
            // of 30/s) counted from the limiter's start. (A send held up may be made up by the next one, so two
            // sends may be closer than a slot, but never ahead of the schedule.)
            long slot = Math.round(1e9 / (30 * 0.99));
            for (int i = 0; i < at.length; i++) {
                assertThat(at[i] - before).as("send %d", i).isGreaterThanOrEqualTo(i * slot);
            }
            assertThat(at[at.length - 1] - at[0]).isGreaterThanOrEqualTo((at.length - 1) * slot - 100_000_000L);
        }
    }

    @Test
    void aReplyToSomeoneChattingGoesAheadOfBulkSending() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase()) {
            RateLimiter limiter = new RateLimiter(db.dataSource(), Harness.config(30));
            // Bulk sending keeps the bot-wide budget busy, with a backlog of sends waiting for their turn as the
            // sender's threads do; a reply (the reply client's pacer) must not queue behind that backlog.
            Queue<Long> bulkDepartures = new ConcurrentLinkedQueue<>();
            List<Thread> bulk = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                bulk.add(Thread.ofVirtual().start(() -> {
                    try {
                        while (true) {
                            bulkDepartures.add(limiter.acquireBulk(false));
                        }
                    } catch (InterruptedException e) {
                        // done
                    }
                }));
            }
            long[] asked = new long[5];
            long[] replied = new long[5];
            try {
                Await.until("bulk sending under way", () -> bulkDepartures.size() >= 10);
                for (int i = 0; i < asked.length; i++) {
                    asked[i] = System.nanoTime();
                    replied[i] = limiter.acquireReply();
                }
            } finally {
                bulk.forEach(Thread::interrupt);
                for (Thread t : bulk) {
                    t.join();
                }
            }
            // Ahead of each reply at most the bulk slot already reserved when it asked, and one that passed the
            // check as it asked: not the backlog.
            for (int i = 0; i < asked.length; i++) {
                long from = asked[i];
                long to = replied[i];
                assertThat(bulkDepartures.stream().filter(t -> t > from && t < to).count()).as("reply %d", i)
                        .isLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void aDelayIsMadeUpButNoSecondHoldsMoreThanTheRate() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase()) {
            RateLimiter limiter = new RateLimiter(db.dataSource(), Harness.config(30).withPaidRate(200));
            long[] at = new long[500];
            for (int i = 0; i < at.length; i++) {
                if (i == 250) {
                    // The stimulus, not a wait: a stall, as a garbage collection or a slow database makes one.
                    Thread.sleep(60);
                }
                at[i] = limiter.acquireBulk(true);
            }
            // The hard cap: any 201 sends in a row span at least a second, so no second holds more than 200.
            // Without the cap, making up the 60 ms stall would put 201 sends into about 0.94 s.
            for (int i = 0; i + 200 < at.length; i++) {
                assertThat(at[i + 200] - at[i]).as("sends %d to %d", i, i + 200).isGreaterThanOrEqualTo(1_000_000_000L);
            }
        }
    }

    @Test
    void repliesCountInTheSameWindowAsBulkSends() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase()) {
            RateLimiter limiter = new RateLimiter(db.dataSource(), Harness.config(30));
            List<Long> at = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                at.add(i % 2 == 0 ? limiter.acquireReply() : limiter.acquireBulk(false));
            }
            // 30 per 1.0101 s at 99% of 30/s; any 31 in a row span more than a second.
            for (int i = 0; i + 30 < at.size(); i++) {
                assertThat(at.get(i + 30) - at.get(i)).isGreaterThan(1_000_000_000L);
            }
        }
    }
}
