package io.tender.core.internal.routing;

import io.tender.api.TenderException;
import io.tender.api.provider.CheckoutRequest;
import io.tender.api.provider.CheckoutSession;
import io.tender.api.provider.PaymentProvider;
import io.tender.api.provider.PaymentSnapshot;
import io.tender.api.provider.ProviderAccount;
import io.tender.api.provider.ProviderDescriptor;
import io.tender.api.provider.ProviderErrorKind;
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
 * Calls for a connection run within its {@link ConnectionBulkheads}: bounded in number and time.
 */
final class GatedProvider implements PaymentProvider {

    @FunctionalInterface
    private interface Call<T> {
        T on(PaymentProvider provider) throws Exception;
    }

    /** A call for a connection: the account it gets keeps its typed settings as long as the provider runs. */
    @FunctionalInterface
    private interface AccountCall<T> {
        T on(PaymentProvider provider, ProviderAccount account) throws Exception;
    }

    private final String id;
    private final ProviderGate gate;
    private final ConnectionBulkheads bulkheads;

    GatedProvider(String id, ProviderGate gate, ConnectionBulkheads bulkheads) {
        this.id = id;
        this.gate = gate;
        this.bulkheads = bulkheads;
    }

    /** Enters the provider with the id that runs now, waiting for it within the gate's bounds. */
    private ProviderGate.Pass enter() {
        try {
            return gate.enter(id).orElseThrow(() -> new TenderException(TenderException.Reason.PROVIDER_NOT_INSTALLED, null,
                    "provider '" + id + "' is not installed (waited " + gate.waitLimit().toSeconds() + " s for it); try again later"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TenderException(TenderException.Reason.PROVIDER_UNAVAILABLE, null, "interrupted while waiting for " + id);
        }
    }

    /** Runs the call on the provider with the id that runs now, holding it until the call returns. */
    private <T> T gated(Call<T> call) throws Exception {
        try (ProviderGate.Pass pass = enter()) {
            return call.on(pass.provider());
        }
    }

    /**
     * Runs a call for a connection within its bounds. The wait for the provider comes first, in the
     * caller's thread, so a call waiting for an update holds neither a slot nor a pool thread.
     */
    private <T> T bounded(ProviderAccount account, AccountCall<T> call) throws Exception {
        ProviderGate.Pass pass = enter();
        return bulkheads.call(account.connectionId(), pass, () -> call.on(pass.provider(), pass.account(account)));
    }

    private <T> T forAccount(ProviderAccount account, AccountCall<T> call) throws ProviderException {
        try {
            return bounded(account, call);
        } catch (ProviderException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderErrorKind.TIMEOUT, "interrupted while waiting for " + id, e);
        } catch (Exception e) {
            // Not the provider's own refusal: whether the call reached it is not known.
            throw new ProviderException(ProviderErrorKind.TIMEOUT, id + " failed: " + e, e);
        }
    }

    @Override
    public ProviderDescriptor descriptor() {
        try {
            return gated(PaymentProvider::descriptor);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void verifyCredentials(ProviderAccount account) throws ProviderException {
        forAccount(account, (p, a) -> {
            p.verifyCredentials(a);
            return null;
        });
    }

    @Override
    public CheckoutSession startCheckout(ProviderAccount account, CheckoutRequest request) throws ProviderException {
        return forAccount(account, (p, a) -> p.startCheckout(a, request));
    }

    @Override
    public PaymentSnapshot fetchState(ProviderAccount account, String providerReference) throws ProviderException {
        return forAccount(account, (p, a) -> p.fetchState(a, providerReference));
    }

    @Override
    public RefundResult refund(ProviderAccount account, RefundRequest request) throws ProviderException {
        return forAccount(account, (p, a) -> p.refund(a, request));
    }

    @Override
    public PaymentSnapshot cancelCheckout(ProviderAccount account, String providerReference) throws ProviderException {
        return forAccount(account, (p, a) -> p.cancelCheckout(a, providerReference));
    }

    @Override
    public ProviderEvent parseWebhook(ProviderAccount account, WebhookRequest request) throws WebhookRejectedException {
        try {
            return bounded(account, (p, a) -> p.parseWebhook(a, request));
        } catch (WebhookRejectedException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TenderException(TenderException.Reason.PROVIDER_UNAVAILABLE, null, "interrupted while waiting for " + id);
        } catch (Exception e) {
            // Full or too slow: the sender is told to deliver it again later (503), nothing is lost.
            throw new TenderException(TenderException.Reason.PROVIDER_UNAVAILABLE, null, id + " could not read the webhook now: "
                    + e.getMessage());
        }
    }
}
