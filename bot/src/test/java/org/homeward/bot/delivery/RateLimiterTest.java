package org.homeward.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void bulkSlotsAreEvenlySpacedFromTheFirst() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase()) {
            RateLimiter limiter = new RateLimiter(db.dataSource(), Harness.config(30));
            List<Long> at = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                limiter.acquireBulk(false);
                at.add(System.nanoTime());
            }
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < at.size(); i++) {
                gaps.add((at.get(i) - at.get(i - 1)) / 1_000_000);
            }
            // No burst at the start: 14 slots of 1/29.7 s each (99% of 30/s) from the first send to the fifteenth.
            // A send held up by the bucket's database round trip is made up by the next, so one gap may be shorter.
            assertThat((at.getLast() - at.getFirst()) / 1_000_000).isGreaterThanOrEqualTo(14 * 1000 / 30);
            assertThat(gaps).allMatch(g -> g >= 20);
        }
    }

    @Test
    void aReplyToSomeoneChattingGoesAheadOfBulkSending() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase()) {
            RateLimiter limiter = new RateLimiter(db.dataSource(), Harness.config(30));
            // Bulk sending keeps the bot-wide budget busy; a reply must not queue behind a backlog of it.
            Thread bulk = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        limiter.acquireBulk(false);
                    }
                } catch (InterruptedException e) {
                    // done
                }
            });
            Thread.sleep(500);
            long start = System.nanoTime();
            limiter.acquireInteractive(42);
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            bulk.interrupt();
            bulk.join();
            // At most the bulk slot already reserved and the reply's own: about 2 × 34 ms.
            assertThat(waitedMillis).isLessThan(250);
        }
    }

    @Test
    void aDelayIsMadeUpButNoSecondHoldsMoreThanTheRate() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase()) {
            RateLimiter limiter = new RateLimiter(db.dataSource(), Harness.config(30).withPaidRate(200));
            long[] at = new long[500];
            for (int i = 0; i < at.length; i++) {
                if (i == 250) {
                    Thread.sleep(60); // a stall, as a garbage collection or a slow database makes one
                }
                limiter.acquireBulk(true);
                at[i] = System.nanoTime();
            }
            // The hard cap: any 201 sends in a row span a second, so no second holds more than 200. Less 20 ms: the
            // test reads the clock after the limiter does, and a pause of the JVM can come in between. Without the
            // cap, making up the 60 ms stall would put 201 sends into about 0.94 s.
            for (int i = 0; i + 200 < at.length; i++) {
                assertThat(at[i + 200] - at[i]).as("sends %d to %d", i, i + 200).isGreaterThan(980_000_000L);
            }
        }
    }

    @Test
    void repliesCountInTheSameWindowAsBulkSends() throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase()) {
            RateLimiter limiter = new RateLimiter(db.dataSource(), Harness.config(30));
            List<Long> at = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                if (i % 2 == 0) {
                    limiter.acquireReply();
                } else {
                    limiter.acquireBulk(false);
                }
                at.add(System.nanoTime());
            }
            // 30 per 1.0101 s at 99% of 30/s; any 31 in a row span more than a second.
            for (int i = 0; i + 30 < at.size(); i++) {
                assertThat(at.get(i + 30) - at.get(i)).isGreaterThan(1_000_000_000L);
            }
        }
    }
}
