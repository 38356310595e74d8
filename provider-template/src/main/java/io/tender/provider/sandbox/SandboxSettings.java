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

    @AttributeDefinition(name = "Simulated latency (ms)", min = "0", max = "30000",
            description = "How long every call to the sandbox takes, to see Tender under a slow partner.")
    int latencyMillis() default 0;

    @AttributeDefinition(name = "Failure rate (%)", min = "0", max = "100",
            description = "Share of calls that fail as if the partner were unreachable. For tests.")
    int failurePercent() default 0;
}
