package io.tender.provider.sandbox;

import io.tender.api.provider.CheckoutSession;
import io.tender.api.provider.PaymentProvider;
import io.tender.api.provider.ProviderAccount;
import io.tender.api.provider.WebhookRequest;
import io.tender.provider.tck.PartnerSimulator;
import io.tender.provider.tck.PaymentProviderContract;
import io.tender.provider.tck.TestAccount;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sandbox passes the provider conformance kit. */
class SandboxConformanceTest extends PaymentProviderContract {

    private static final String SIGNING_SECRET = "whsec_kit_signing";

    private final SandboxService service = new SandboxService(new WebhookSender(), Clock.systemUTC());
    private final SandboxProvider provider = new SandboxProvider(service);

    @Override
    protected PaymentProvider provider() {
        return provider;
    }

    @Override
    protected ProviderAccount account() {
        return new TestAccount("con_kit", "kit", Map.of("secretKey", "sk_sandbox_kit", "webhookSecret", SIGNING_SECRET));
    }

    @Override
    protected ProviderAccount refusedAccount() {
        return new TestAccount("con_kit", "kit", Map.of("secretKey", "sk_live_not_a_sandbox_key", "webhookSecret", SIGNING_SECRET));
    }

    @Override
    protected PartnerSimulator partner() {
        return new PartnerSimulator() {
            @Override
            public void pay(ProviderAccount account, CheckoutSession session) {
                service.pay(session.providerReference(), TestCards.SUCCEEDS);
            }

            @Override
            public void decline(ProviderAccount account, CheckoutSession session) {
                service.pay(session.providerReference(), TestCards.DECLINED);
            }

            @Override
            public WebhookRequest paidWebhook(ProviderAccount account, CheckoutSession session, Instant signedAt,
                    String signingSecret) {
                Map<String, String> event = new LinkedHashMap<>();
                event.put("id", "evt_kit_" + session.providerReference());
                event.put("type", "checkout.paid");
                event.put("checkout", session.providerReference());
                String body = SandboxWebhooks.form(event);
                return new WebhookRequest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of(
                        SandboxWebhooks.SIGNATURE_HEADER,
                        List.of(SandboxWebhooks.sign(signingSecret, signedAt.getEpochSecond(), body))));
            }

            @Override
            public String signingSecret(ProviderAccount account) {
                return SIGNING_SECRET;
            }
        };
    }
}
