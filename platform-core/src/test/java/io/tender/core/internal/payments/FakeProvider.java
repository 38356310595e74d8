package io.tender.core.internal.payments;

import io.tender.api.provider.CheckoutRequest;
import io.tender.api.provider.CheckoutSession;
import io.tender.api.provider.PaymentProvider;
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
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scriptable provider for core tests: records every call with the account it got, answers
 * checkouts idempotently per key, and fails on demand.
 */
final class FakeProvider implements PaymentProvider {

    final String id;
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The checkouts the provider reports paid, whatever {@link #state} says. */
    final java.util.Set<String> succeeded = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final Map<String, String> checkoutByKey = new HashMap<>();
    final List<CheckoutRequest> checkoutRequests = new ArrayList<>();
    ProviderErrorKind failNextCheckout;
    ProviderStatus refundStatus = ProviderStatus.SUCCEEDED;
    RuntimeException webhookCrash;
    ProviderStatus state = ProviderStatus.PENDING;
    ProviderEvent nextEvent;
    private final Set<Currency> currencies;

    FakeProvider(String id, String... currencies) {
        this.id = id;
        this.currencies = Set.of(currencies).stream().map(Currency::getInstance).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public ProviderDescriptor descriptor() {
        return new ProviderDescriptor(id, id, "1", EnumSet.of(ProviderCapability.REFUNDS, ProviderCapability.PARTIAL_REFUNDS),
                currencies, "fee", null);
    }

    @Override
    public void verifyCredentials(ProviderAccount account) throws ProviderException {
        calls.add("verify " + account.connectionId());
        if (!"good".equals(account.settings().get("key"))) {
            throw new ProviderException(ProviderErrorKind.AUTHENTICATION, "bad key");
        }
    }

    @Override
    public CheckoutSession startCheckout(ProviderAccount account, CheckoutRequest request) throws ProviderException {
        calls.add("checkout " + account.connectionId() + " " + request.idempotencyKey() + " " + request.amount());
        checkoutRequests.add(request);
        if (failNextCheckout != null) {
            ProviderErrorKind kind = failNextCheckout;
            failNextCheckout = null;
            throw new ProviderException(kind, "scripted " + kind);
        }
        String reference = checkoutByKey.computeIfAbsent(request.idempotencyKey(), k -> "cs_" + checkoutByKey.size());
        return new CheckoutSession(reference, URI.create("https://pay.example/" + reference), request.expiresAt(),
                ProviderStatus.PENDING);
    }

    @Override
    public PaymentSnapshot fetchState(ProviderAccount account, String providerReference) {
        calls.add("fetch " + account.connectionId() + " " + providerReference);
        return new PaymentSnapshot(providerReference, succeeded.contains(providerReference) ? ProviderStatus.SUCCEEDED : state,
                null, null);
    }

    @Override
    public RefundResult refund(ProviderAccount account, RefundRequest request) {
        calls.add("refund " + account.connectionId() + " " + request.idempotencyKey() + " " + request.amount());
        return new RefundResult("re_" + request.refundId(), refundStatus);
    }

    @Override
    public PaymentSnapshot cancelCheckout(ProviderAccount account, String providerReference) {
        calls.add("cancel " + account.connectionId() + " " + providerReference);
        return new PaymentSnapshot(providerReference, ProviderStatus.CANCELED, null, null);
    }

    @Override
    public ProviderEvent parseWebhook(ProviderAccount account, WebhookRequest request) throws WebhookRejectedException {
        if (webhookCrash != null) {
            throw webhookCrash;
        }
        if (!"valid".equals(request.header("X-Signature"))) {
            throw new WebhookRejectedException("bad signature");
        }
        return nextEvent;
    }

    long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }
}
