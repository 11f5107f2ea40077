package org.homeward.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The configuration refuses a lease that a send could outlast (issue 10, item 5). */
class DeliveryConfigTest {
    @Test
    void theDefaultLeaseIsAtLeastTwiceTheSendTimeout() {
        DeliveryConfig defaults = DeliveryConfig.defaults();
        assertThat(defaults.lease()).isGreaterThanOrEqualTo(defaults.sendTimeout().multipliedBy(2));
    }

    @Test
    void aLeaseShorterThanTwoSendTimeoutsIsRefused() {
        DeliveryConfig config = DeliveryConfig.defaults().withSendTimeout(Duration.ofSeconds(5));
        assertThatThrownBy(() -> config.withLease(Duration.ofMillis(9_999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lease (PT9.999S) must be at least twice sendTimeout (PT5S)");
        assertThat(config.withLease(Duration.ofSeconds(10)).lease()).isEqualTo(Duration.ofSeconds(10));
        // Nor may the send timeout grow past half the lease.
        assertThatThrownBy(() -> DeliveryConfig.defaults().withSendTimeout(Duration.ofSeconds(31)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least twice sendTimeout");
    }

    @Test
    void aSendTimeoutOfNoWholeMillisecondIsRefused() {
        // OkHttp would take it for no timeout at all.
        assertThatThrownBy(() -> DeliveryConfig.defaults().withSendTimeout(Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sendTimeout must be at least 1 ms");
        assertThatThrownBy(() -> DeliveryConfig.defaults().withSendTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
