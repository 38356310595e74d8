package io.tender.provider.sandbox;

import io.tender.api.provider.CheckoutRequest;
import io.tender.api.provider.CheckoutSession;
import io.tender.api.provider.PaymentProvider;
import io.tender.api.provider.PaymentProviderService;
import io.tender.api.provider.PaymentSnapshot;
import io.tender.api.provider.ProviderAccount;
import io.tender.api.provider.ProviderCapability;
import io.tender.api.provider.ProviderDescriptor;
import io.tender.api.provider.ProviderErrorKind;
import io.tender.api.provider.ProviderEvent;
import io.tender.api.provider.ProviderException;
import io.tender.api.provider.RefundRequest;
import io.tender.api.provider.RefundResult;
import io.tender.api.provider.WebhookRejectedException;
import io.tender.api.provider.WebhookRequest;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The sandbox partner, and the example to copy for a new one. Each operation of the contract
 * checks the account's credentials, then asks the partner's service ({@link SandboxService}, a
 * simulation inside this bundle; for a real partner, its API).
 */
// The designate publishes the connection form through the metatype service, under the PID the
// descriptor names. Connections are stored (encrypted) by the platform, never as configurations,
// so the component itself runs without one.
@Component(service = PaymentProvider.class, configurationPid = SandboxSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SandboxSettings.class, factory = true)
@PaymentProviderService(id = SandboxProvider.ID)
public final class SandboxProvider implements PaymentProvider {

    static final String ID = "sandbox";

    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(ID, "Sandbox", "1.0.0",
            EnumSet.of(ProviderCapability.REFUNDS, ProviderCapability.PARTIAL_REFUNDS, ProviderCapability.CANCEL_CHECKOUT,
                    ProviderCapability.WEBHOOKS),
            Set.of(), "No fee: sandbox payments move no real money.", SandboxSettings.PID);

    private final SandboxService partner;

    @Activate
    public SandboxProvider(@Reference SandboxService partner) {
        this.partner = partner;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void verifyCredentials(ProviderAccount account) throws ProviderException {
        SandboxSettings settings = account.settings(SandboxSettings.class);
        if (settings.secretKey() == null || !settings.secretKey().startsWith("sk_sandbox_")) {
            throw new ProviderException(ProviderErrorKind.AUTHENTICATION, "the secret key must start with sk_sandbox_");
        }
        if (settings.webhookSecret() == null || settings.webhookSecret().length() < 8) {
            throw new ProviderException(ProviderErrorKind.INVALID_REQUEST, "the webhook signing secret needs 8 characters or more");
        }
    }

    @Override
    public CheckoutSession startCheckout(ProviderAccount account, CheckoutRequest request) throws ProviderException {
        SandboxSettings settings = call(account);
        SandboxCheckout checkout = partner.open(account.connectionId(), request, settings.webhookSecret());
        // The checkout page is served by this bundle, so on Tender's own host: the one Tender's
        // webhook address names (the success URL may be the host system's).
        URI tender = request.webhookUrl() != null ? request.webhookUrl() : request.successUrl();
        URI page = tender.resolve(CheckoutPage.PATH + "/" + checkout.id());
        return new CheckoutSession(checkout.id(), page, checkout.expiresAt(), checkout.status());
    }

    @Override
    public PaymentSnapshot fetchState(ProviderAccount account, String providerReference) throws ProviderException {
        call(account);
        return partner.snapshot(account.connectionId(), providerReference);
    }

    @Override
    public RefundResult refund(ProviderAccount account, RefundRequest request) throws ProviderException {
        call(account);
        return partner.refund(account.connectionId(), request);
    }

    @Override
    public PaymentSnapshot cancelCheckout(ProviderAccount account, String providerReference) throws ProviderException {
        call(account);
        return partner.cancel(account.connectionId(), providerReference);
    }

    @Override
    public ProviderEvent parseWebhook(ProviderAccount account, WebhookRequest request) throws WebhookRejectedException {
        return SandboxWebhooks.verify(account.settings(SandboxSettings.class).webhookSecret(), request, partner::currency);
    }

    /**
     * What every call to a partner goes through: credentials, then the simulated network. A
     * simulated failure is UNAVAILABLE: the request surely did not reach the partner.
     */
    private SandboxSettings call(ProviderAccount account) throws ProviderException {
        verifyCredentials(account);
        SandboxSettings settings = account.settings(SandboxSettings.class);
        if (settings.latencyMillis() > 0) {
            try {
                Thread.sleep(settings.latencyMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(ProviderErrorKind.UNAVAILABLE, "interrupted before reaching the sandbox");
            }
        }
        if (ThreadLocalRandom.current().nextInt(100) < settings.failurePercent()) {
            throw new ProviderException(ProviderErrorKind.UNAVAILABLE, "simulated failure (failure rate "
                    + settings.failurePercent() + " %)");
        }
        return settings;
    }
}
