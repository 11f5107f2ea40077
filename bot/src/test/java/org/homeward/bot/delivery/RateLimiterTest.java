package org.homeward.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.homeward.testkit.Await;
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
            // Bulk sending keeps the bot-wide budget busy, with a backlog of sends waiting for their turn as the
            // sender's threads do; a reply (the reply client's pacer) must not queue behind that backlog.
            AtomicInteger bulkSent = new AtomicInteger();
            List<Thread> bulk = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                bulk.add(Thread.ofVirtual().start(() -> {
                    try {
                        while (true) {
                            limiter.acquireBulk(false);
                            bulkSent.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        // done
                    }
                }));
            }
            try {
                Await.until("bulk sending under way", () -> bulkSent.get() >= 10);
                List<Integer> bulkAhead = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    int before = bulkSent.get();
                    limiter.acquireReply();
                    bulkAhead.add(bulkSent.get() - before);
                }
                // Ahead of each reply at most the bulk slot already reserved, and one that went as the reply asked
                // (counted just after it went): not the backlog.
                assertThat(bulkAhead).allMatch(n -> n <= 2);
            } finally {
                bulk.forEach(Thread::interrupt);
                for (Thread t : bulk) {
                    t.join();
                }
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
