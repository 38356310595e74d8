package io.tender.api;

import static io.tender.api.PaymentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PaymentStatusTest {

    @Test
    void openPaymentsMoveToAnyOutcomeButNotToRefunds() {
        for (PaymentStatus open : EnumSet.of(CREATED, PENDING, REQUIRES_ACTION, UNKNOWN)) {
            assertThat(open.canMoveTo(SUCCEEDED)).isTrue();
            assertThat(open.canMoveTo(DECLINED)).isTrue();
            assertThat(open.canMoveTo(EXPIRED)).isTrue();
            assertThat(open.canMoveTo(REFUNDED)).isFalse();
            assertThat(open.canMoveTo(PARTIALLY_REFUNDED)).isFalse();
            assertThat(open.canMoveTo(CREATED)).isFalse();
            assertThat(open.canMoveTo(open)).isFalse();
        }
    }

    @Test
    void terminalStatesAreNeverLeft() {
        for (PaymentStatus terminal : EnumSet.of(REFUNDED, DECLINED, FAILED, CANCELED, EXPIRED)) {
            assertThat(terminal.isTerminal()).isTrue();
            for (PaymentStatus next : PaymentStatus.values()) {
                assertThat(terminal.canMoveTo(next)).as(terminal + " -> " + next).isFalse();
            }
        }
    }

    @Test
    void capturedPaymentsMoveOnlyThroughRefunds() {
        assertThat(SUCCEEDED.canMoveTo(PARTIALLY_REFUNDED)).isTrue();
        assertThat(SUCCEEDED.canMoveTo(REFUNDED)).isTrue();
        assertThat(SUCCEEDED.canMoveTo(PENDING)).isFalse();
        assertThat(SUCCEEDED.canMoveTo(CANCELED)).isFalse();
        assertThat(PARTIALLY_REFUNDED.canMoveTo(PARTIALLY_REFUNDED)).isTrue();
        assertThat(PARTIALLY_REFUNDED.canMoveTo(REFUNDED)).isTrue();
        assertThat(PARTIALLY_REFUNDED.canMoveTo(SUCCEEDED)).isFalse();
    }
}
