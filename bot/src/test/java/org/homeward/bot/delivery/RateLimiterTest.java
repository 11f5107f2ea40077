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
            assertThat(gaps).allMatch(g -> g >= 32);
        }
    }
}
