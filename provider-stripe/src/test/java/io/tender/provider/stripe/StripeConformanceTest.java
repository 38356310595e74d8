package io.tender.provider.stripe;

import io.tender.api.provider.CheckoutSession;
import io.tender.api.provider.PaymentProvider;
import io.tender.api.provider.ProviderAccount;
import io.tender.api.provider.WebhookRequest;
import io.tender.provider.tck.PartnerSimulator;
import io.tender.provider.tck.PaymentProviderContract;
import io.tender.provider.tck.TestAccount;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The Stripe provider passes the provider conformance kit, against the local Stripe stand-in. */
class StripeConformanceTest extends PaymentProviderContract {

    static final String SIGNING_SECRET = "whsec_standin_signing_secret";

    private final StripeStandIn stripe = new StripeStandIn();
    private final StripeProvider provider = new StripeProvider();

    @AfterEach
    void stop() {
        stripe.close();
    }

    static TestAccount account(StripeStandIn stripe, String key) {
        return new TestAccount("con_stripe", "kit", Map.of("secretKey", key, "webhookSecret", SIGNING_SECRET,
                "apiBase", stripe.url(), "readTimeoutMillis", 2000));
    }

    @Override
    protected PaymentProvider provider() {
        return provider;
    }

    @Override
    protected ProviderAccount account() {
        return account(stripe, StripeStandIn.GOOD_KEY);
    }

    @Override
    protected ProviderAccount refusedAccount() {
        return account(stripe, "sk_test_revoked_key_9999");
    }

    @Override
    protected PartnerSimulator partner() {
        return new PartnerSimulator() {
            @Override
            public void pay(ProviderAccount account, CheckoutSession session) {
                stripe.pay(session.providerReference());
            }

            @Override
            public void decline(ProviderAccount account, CheckoutSession session) {
                stripe.failAsync(session.providerReference());
            }

            @Override
            public WebhookRequest paidWebhook(ProviderAccount account, CheckoutSession session, Instant signedAt,
                    String signingSecret) {
                String payload = StripeStandIn.event("evt_test_" + session.providerReference(), "checkout.session.completed",
                        stripe.session(session.providerReference()), signedAt);
                return new WebhookRequest(payload.getBytes(StandardCharsets.UTF_8), Map.of("Stripe-Signature",
                        List.of("t=" + signedAt.getEpochSecond() + ",v1=" + StripeStandIn.signature(payload, signingSecret, signedAt))));
            }

            @Override
            public String signingSecret(ProviderAccount account) {
                return SIGNING_SECRET;
            }
        };
    }
}
