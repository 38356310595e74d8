package io.tender.provider.sandbox;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The settings of one sandbox connection. The console renders this object class as the
 * "Connect" form, so names and descriptions are what admins read.
 */
@ObjectClassDefinition(
        id = SandboxSettings.PID,
        name = "Sandbox",
        description = "A simulated payment partner for trying Tender: no account, no real money.")
public @interface SandboxSettings {

    String PID = "io.tender.provider.sandbox";

    @AttributeDefinition(name = "Secret key", type = AttributeType.PASSWORD,
            description = "Any value starting with sk_sandbox_, e.g. sk_sandbox_demo.")
    String secretKey();

    @AttributeDefinition(name = "Webhook signing secret", type = AttributeType.PASSWORD,
            description = "Signs the notifications the sandbox sends to Tender. Any value of 8 characters or more.")
    String webhookSecret();
}
