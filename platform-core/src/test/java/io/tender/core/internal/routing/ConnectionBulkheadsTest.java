package io.tender.core.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tender.api.provider.ProviderErrorKind;
import io.tender.api.provider.ProviderException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A hanging or slow provider connection stalls only itself. */
class ConnectionBulkheadsTest {

    @Test
    void aHangingConnectionFillsOnlyItsOwnSlotsAndTimesOutWhileOthersAnswer() throws Exception {
        CountDownLatch hang = new CountDownLatch(1);
        try (ConnectionBulkheads bulkheads = new ConnectionBulkheads(Duration.ofMillis(300), 2)) {
            // Two callers of connection A wait for a provider that does not answer (and ignores interrupts).
            CompletableFuture<?>[] stuck = new CompletableFuture<?>[2];
            for (int i = 0; i < 2; i++) {
                stuck[i] = CompletableFuture.runAsync(() -> {
                    assertThatThrownBy(() -> bulkheads.call("con_a", () -> {
                        while (true) {
                            try {
                                hang.await();
                                return "late";
                            } catch (InterruptedException ignored) {
                                // a provider that does not listen
                            }
                        }
                    })).isInstanceOf(ProviderException.class).extracting("kind").isEqualTo(ProviderErrorKind.TIMEOUT);
                });
            }
            Thread.sleep(100);
            long start = System.nanoTime();
            assertThatThrownBy(() -> bulkheads.call("con_a", () -> "third")).as("A is full: refused at once, not made")
                    .isInstanceOf(io.tender.api.TenderException.class).extracting("reason")
                    .isEqualTo(io.tender.api.TenderException.Reason.PROVIDER_UNAVAILABLE);
            assertThat(bulkheads.call("con_b", () -> "b answers")).isEqualTo("b answers");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("B is not held up by A").isLessThan(Duration.ofMillis(200));
            CompletableFuture.allOf(stuck).get();

            assertThatThrownBy(() -> bulkheads.call("con_a", () -> "still full")).as("the hung calls still hold A's slots")
                    .extracting("reason").isEqualTo(io.tender.api.TenderException.Reason.PROVIDER_UNAVAILABLE);
            hang.countDown();
            Thread.sleep(100);
            assertThat(bulkheads.call("con_a", () -> "back")).as("once they return, A takes calls again").isEqualTo("back");

            var a = bulkheads.health("con_a");
            assertThat(a.recentCalls()).as("2 timeouts, 2 refused while full, 1 answer").isEqualTo(5);
            assertThat(a.recentFailures()).isEqualTo(4);
            assertThat(a.errorPercent()).isEqualTo(80);
            assertThat(a.lastSuccessAt()).isAfterOrEqualTo(a.lastFailureAt());
            assertThat(bulkheads.health("con_b").recentFailures()).isZero();
            assertThat(bulkheads.health("con_c").recentCalls()).as("never called").isZero();
        }
    }

    @Test
    void whatACallThrowsReachesTheCaller() {
        try (ConnectionBulkheads bulkheads = new ConnectionBulkheads(Duration.ofSeconds(1), 4)) {
            assertThatThrownBy(() -> bulkheads.call("con_a", () -> {
                throw new ProviderException(ProviderErrorKind.DECLINED, "card declined");
            })).isInstanceOf(ProviderException.class).hasMessage("card declined");
            assertThat(bulkheads.health("con_a").recentFailures()).as("a declined card is an answer, not a failure").isZero();
            assertThat(bulkheads.health("con_a").lastSuccessAt()).isNotNull();
        }
    }
}
