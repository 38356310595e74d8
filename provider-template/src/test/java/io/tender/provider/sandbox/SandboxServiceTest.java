package io.tender.provider.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tender.api.Money;
import io.tender.api.provider.CheckoutRequest;
import io.tender.api.provider.ProviderStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the checkout page lets a client do, and which notifications each step sends. */
class SandboxServiceTest {

    private final List<String> sent = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final SandboxService service = new SandboxService(new WebhookSender() {
        @Override
        void send(SandboxCheckout checkout, Map<String, String> event) {
            sent.add(event.get("type") + " " + checkout.id());
        }
    }, clock);

    private SandboxCheckout open() {
        URI result = URI.create("http://localhost/pay/result/pay_1");
        return service.open("con_1", new CheckoutRequest("pay_1", "key-" + sent.size() + clock.instant(), Money.of(2000, "EUR"),
                "Haircut", "booking", "Salon", null, result, result, URI.create("http://localhost/api/webhooks/con_1"),
                clock.instant().plus(Duration.ofMinutes(30))), "whsec_secret");
    }

    @Test
    void onlyTheNewestCheckoutsAreRemembered() {
        SandboxService small = new SandboxService(new WebhookSender(), clock, 3);
        URI result = URI.create("http://localhost/pay/result/pay_1");
        List<SandboxCheckout> opened = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            opened.add(small.open("con_1", new CheckoutRequest("pay_" + i, "key-" + i, Money.of(2000, "EUR"), "Haircut", "booking",
                    "Salon", null, result, result, null, clock.instant().plus(Duration.ofMinutes(30))), "whsec_secret"));
        }

        assertThat(small.find(opened.get(0).id())).isEmpty();
        assertThat(opened.subList(1, 4)).allSatisfy(c -> assertThat(small.find(c.id())).isPresent());
        // A forgotten checkout's key opens a new one, as at a partner that no longer knows the key.
        SandboxCheckout again = small.open("con_1", new CheckoutRequest("pay_0", "key-0", Money.of(2000, "EUR"), "Haircut",
                "booking", "Salon", null, result, result, null, clock.instant().plus(Duration.ofMinutes(30))), "whsec_secret");
        assertThat(again.id()).isNotEqualTo(opened.get(0).id());
        assertThat(small.find(opened.get(3).id())).isPresent();
    }

    @Test
    void aCardThatAsksForConfirmationWaitsForTheClient() {
        SandboxCheckout checkout = open();
        assertThat(service.pay(checkout.id(), "4000 0025 0000 3155").status()).isEqualTo(ProviderStatus.REQUIRES_ACTION);
        assertThat(sent).isEmpty();
        assertThat(service.confirm(checkout.id(), true).status()).isEqualTo(ProviderStatus.SUCCEEDED);
        assertThat(sent).containsExactly("checkout.paid " + checkout.id());
    }

    @Test
    void onlyTestCardsAreAccepted() {
        SandboxCheckout checkout = open();
        assertThatThrownBy(() -> service.pay(checkout.id(), "5555 5555 5555 4444"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4242 4242 4242 4242");
        assertThat(service.find(checkout.id()).orElseThrow().status()).isEqualTo(ProviderStatus.PENDING);
    }

    @Test
    void aCheckoutExpiresOnTimeAndCannotBePaidAfterwards() {
        SandboxCheckout checkout = open();
        clock.advance(Duration.ofMinutes(31));
        assertThat(service.find(checkout.id()).orElseThrow().status()).isEqualTo(ProviderStatus.EXPIRED);
        assertThat(sent).containsExactly("checkout.expired " + checkout.id());
        assertThatThrownBy(() -> service.pay(checkout.id(), TestCards.SUCCEEDS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("expired");
    }

    @Test
    void aPaidCheckoutCannotBePaidOrCancelledAgain() {
        SandboxCheckout checkout = open();
        service.pay(checkout.id(), TestCards.SUCCEEDS);
        assertThatThrownBy(() -> service.pay(checkout.id(), TestCards.SUCCEEDS)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> service.cancel(checkout.id())).isInstanceOf(IllegalStateException.class);
        assertThat(sent).containsExactly("checkout.paid " + checkout.id());
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
