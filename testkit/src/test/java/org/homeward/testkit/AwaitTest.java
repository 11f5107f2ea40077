package org.homeward.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
    @Test
    void returnsAtTheFirstCheckThatHolds() {
        AtomicInteger checks = new AtomicInteger();
        Await.until("the third check", () -> checks.incrementAndGet() == 3);
        assertThat(checks).hasValue(3);
    }

    @Test
    void failsNamingWhatItWaitedFor() {
        AtomicInteger checks = new AtomicInteger();
        assertThatThrownBy(() -> Await.until("the inbox to empty", Duration.ofMillis(50), () -> {
            checks.incrementAndGet();
            return false;
        }))
                .isInstanceOf(AssertionError.class)
                .hasMessage("timed out after 50 ms waiting for the inbox to empty");
        assertThat(checks.get()).isGreaterThan(1);
    }
}
