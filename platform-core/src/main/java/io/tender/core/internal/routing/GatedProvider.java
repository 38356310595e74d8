package io.tender.core.internal.routing;

import io.tender.api.TenderException;
import io.tender.api.provider.CheckoutRequest;
import io.tender.api.provider.CheckoutSession;
import io.tender.api.provider.PaymentProvider;
import io.tender.api.provider.PaymentSnapshot;
import io.tender.api.provider.ProviderAccount;
import io.tender.api.provider.ProviderDescriptor;
import io.tender.api.provider.ProviderEvent;
import io.tender.api.provider.ProviderException;
import io.tender.api.provider.RefundRequest;
import io.tender.api.provider.RefundResult;
import io.tender.api.provider.WebhookRejectedException;
import io.tender.api.provider.WebhookRequest;

/**
 * A provider by id, as the platform calls it: each call goes through the {@link ProviderGate} to
 * whichever provider with the id runs when the call starts, and holds it until the call returns.
 * A route made just before a bundle update therefore calls the new version, not a stopped one.
 */
final class GatedProvider implements PaymentProvider {

    @FunctionalInterface
    private interface Call<T, E extends Exception> {
        T on(PaymentProvider provider) throws E;
    }

    private final String id;
    private final ProviderGate gate;

    GatedProvider(String id, ProviderGate gate) {
        this.id = id;
        this.gate = gate;
    }

    private <T, E extends Exception> T call(Call<T, E> call) throws E {
        ProviderGate.Pass pass;
        try {
            pass = gate.enter(id).orElseThrow(() -> new TenderException(TenderException.Reason.PROVIDER_NOT_INSTALLED, null,
                    "provider '" + id + "' is not installed (waited " + gate.waitLimit().toSeconds() + " s for it); try again later"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TenderException(TenderException.Reason.PROVIDER_UNAVAILABLE, null, "interrupted while waiting for " + id);
        }
        try (pass) {
            return call.on(pass.provider());
        }
    }

    @Override
    public ProviderDescriptor descriptor() {
        return call(PaymentProvider::descriptor);
    }

    @Override
    public void verifyCredentials(ProviderAccount account) throws ProviderException {
        this.<Void, ProviderException>call(p -> {
            p.verifyCredentials(account);
            return null;
        });
    }

    @Override
    public CheckoutSession startCheckout(ProviderAccount account, CheckoutRequest request) throws ProviderException {
        return this.<CheckoutSession, ProviderException>call(p -> p.startCheckout(account, request));
    }

    @Override
    public PaymentSnapshot fetchState(ProviderAccount account, String providerReference) throws ProviderException {
        return this.<PaymentSnapshot, ProviderException>call(p -> p.fetchState(account, providerReference));
    }

    @Override
    public RefundResult refund(ProviderAccount account, RefundRequest request) throws ProviderException {
        return this.<RefundResult, ProviderException>call(p -> p.refund(account, request));
    }

    @Override
    public PaymentSnapshot cancelCheckout(ProviderAccount account, String providerReference) throws ProviderException {
        return this.<PaymentSnapshot, ProviderException>call(p -> p.cancelCheckout(account, providerReference));
    }

    @Override
    public ProviderEvent parseWebhook(ProviderAccount account, WebhookRequest request) throws WebhookRejectedException {
        return this.<ProviderEvent, WebhookRejectedException>call(p -> p.parseWebhook(account, request));
    }
}
