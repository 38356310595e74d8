package io.tender.provider.sandbox;

import io.tender.api.Money;
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
import io.tender.api.provider.ProviderStatus;
import io.tender.api.provider.RefundRequest;
import io.tender.api.provider.RefundResult;
import io.tender.api.provider.WebhookRejectedException;
import io.tender.api.provider.WebhookRequest;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The sandbox partner. Every operation of the contract runs against {@link SandboxLedger}, a
 * small simulated payment service inside this bundle, so it needs no account and no network.
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

    private final SandboxLedger ledger = new SandboxLedger();

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
        verifyCredentials(account);
        SandboxLedger.Checkout checkout = ledger.open(account.connectionId(), request);
        URI page = request.successUrl().resolve("/sandbox/checkout/" + checkout.id());
        return new CheckoutSession(checkout.id(), page, checkout.expiresAt(), ProviderStatus.PENDING);
    }

    @Override
    public PaymentSnapshot fetchState(ProviderAccount account, String providerReference) throws ProviderException {
        verifyCredentials(account);
        return ledger.snapshot(account.connectionId(), providerReference);
    }

    @Override
    public RefundResult refund(ProviderAccount account, RefundRequest request) throws ProviderException {
        verifyCredentials(account);
        return ledger.refund(account.connectionId(), request);
    }

    @Override
    public PaymentSnapshot cancelCheckout(ProviderAccount account, String providerReference) throws ProviderException {
        verifyCredentials(account);
        return ledger.cancel(account.connectionId(), providerReference);
    }

    @Override
    public ProviderEvent parseWebhook(ProviderAccount account, WebhookRequest request) throws WebhookRejectedException {
        SandboxSettings settings = account.settings(SandboxSettings.class);
        return SandboxWebhooks.verify(settings.webhookSecret(), request, ledger::currency);
    }

    /** For the sandbox's own pages and tests: what the simulated service holds. */
    SandboxLedger ledger() {
        return ledger;
    }

    static Money money(long minor, java.util.Currency currency) {
        return new Money(minor, currency);
    }
}
