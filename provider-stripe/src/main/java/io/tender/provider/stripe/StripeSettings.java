package io.tender.provider.stripe;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A location's Stripe account, as the admin enters it in the "Connect Stripe" form. */
@ObjectClassDefinition(
        id = StripeSettings.PID,
        name = "Stripe",
        description = "Take payments through Stripe Checkout. Find the keys in the Stripe Dashboard under Developers > API keys.")
public @interface StripeSettings {

    String PID = "io.tender.provider.stripe";

    @AttributeDefinition(name = "Secret key", type = AttributeType.PASSWORD,
            description = "sk_live_... or sk_test_..., or a restricted key (rk_...) allowed to write Checkout Sessions and Refunds.")
    String secretKey();

    @AttributeDefinition(name = "Publishable key", required = false,
            description = "pk_live_... or pk_test_...; shown to clients' browsers, not a secret.")
    String publishableKey() default "";

    @AttributeDefinition(name = "Webhook signing secret", type = AttributeType.PASSWORD,
            description = "whsec_... of the webhook endpoint https://<your Tender>/api/webhooks/<connection id>.")
    String webhookSecret();

    @AttributeDefinition(name = "API base URL", required = false,
            description = "Leave empty for Stripe itself. Set only to point at a local stand-in for tests.")
    String apiBase() default "";

    @AttributeDefinition(name = "Connect timeout (ms)", min = "100", max = "60000")
    int connectTimeoutMillis() default 10_000;

    @AttributeDefinition(name = "Read timeout (ms)", min = "100", max = "120000")
    int readTimeoutMillis() default 30_000;
}
