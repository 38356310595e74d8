package io.tender.provider.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import com.stripe.param.checkout.SessionUpdateParams;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Stripe, through Checkout Sessions in payment mode. Every creating call carries the idempotency
 * key Tender derived from its own payment or refund id, so a retry after a timeout, a restart or a
 * bundle update never charges or refunds twice.
 */
@Component(service = PaymentProvider.class, configurationPid = StripeSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StripeSettings.class, factory = true)
@PaymentProviderService(id = StripeProvider.ID)
public final class StripeProvider implements PaymentProvider {

    static final String ID = "stripe";
    static final String PAYMENT_ID_KEY = "tender_payment_id";
    static final String REFUND_ID_KEY = "tender_refund_id";
    /** Stripe accepts an expiry from 30 minutes to 24 hours after the session is created. */
    static final Duration SHORTEST = Duration.ofMinutes(31);
    static final Duration LONGEST = Duration.ofHours(23).plusMinutes(59);

    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(ID, "Stripe", "1.0.0",
            EnumSet.of(ProviderCapability.REFUNDS, ProviderCapability.PARTIAL_REFUNDS, ProviderCapability.CANCEL_CHECKOUT,
                    ProviderCapability.WEBHOOKS),
            Set.of(), "Stripe's own fee per successful payment applies (see stripe.com/pricing); Tender adds none.",
            StripeSettings.PID);

    private final Clock clock;

    public StripeProvider() {
        this(Clock.systemUTC());
    }

    StripeProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    private static StripeClient client(ProviderAccount account) throws ProviderException {
        StripeSettings settings = account.settings(StripeSettings.class);
        if (settings.secretKey() == null || settings.secretKey().isBlank()) {
            throw new ProviderException(ProviderErrorKind.AUTHENTICATION, "the secret key is missing");
        }
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(settings.secretKey())
                .setConnectTimeout(settings.connectTimeoutMillis())
                .setReadTimeout(settings.readTimeoutMillis())
                // Retries with backoff on connection errors, 409, 429 and 5xx, always with the same idempotency key.
                .setMaxNetworkRetries(2);
        if (!settings.apiBase().isBlank()) {
            builder.setApiBase(settings.apiBase());
        }
        return builder.build();
    }

    @Override
    public void verifyCredentials(ProviderAccount account) throws ProviderException {
        StripeClient client = client(account);
        try {
            RateLimits.retry(() -> client.v1().balance().retrieve());
        } catch (StripeException e) {
            throw StripeErrors.map(e);
        }
    }

    @Override
    public CheckoutSession startCheckout(ProviderAccount account, CheckoutRequest request) throws ProviderException {
        Instant now = clock.instant();
        Instant expiresAt = request.expiresAt().isBefore(now.plus(SHORTEST)) ? now.plus(SHORTEST)
                : request.expiresAt().isAfter(now.plus(LONGEST)) ? now.plus(LONGEST) : request.expiresAt();
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(request.amount().currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                                .setUnitAmount(request.amount().minorUnits())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(request.description())
                                        .putMetadata("tender_purpose", request.purpose())
                                        .build())
                                .build())
                        .build())
                .setClientReferenceId(request.paymentId())
                .putMetadata(PAYMENT_ID_KEY, request.paymentId())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata(PAYMENT_ID_KEY, request.paymentId())
                        .build())
                .setSuccessUrl(request.successUrl().toString())
                .setCancelUrl(request.cancelUrl().toString())
                .setExpiresAt(expiresAt.getEpochSecond());
        if (request.customerEmail() != null) {
            params.setCustomerEmail(request.customerEmail());
        }
        try {
            StripeClient client = client(account);
            Session session = RateLimits.retry(() -> client.v1().checkout().sessions()
                    .create(params.build(), idempotent(request.idempotencyKey())));
            return new CheckoutSession(session.getId(), URI.create(session.getUrl()),
                    Instant.ofEpochSecond(session.getExpiresAt()), ProviderStatus.PENDING);
        } catch (StripeException e) {
            throw StripeErrors.map(e);
        }
    }

    private static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    private static Session session(StripeClient client, String reference) throws StripeException {
        return client.v1().checkout().sessions().retrieve(reference, SessionRetrieveParams.builder()
                .addExpand("payment_intent")
                .addExpand("payment_intent.latest_charge")
                .build());
    }

    @Override
    public PaymentSnapshot fetchState(ProviderAccount account, String providerReference) throws ProviderException {
        try {
            return StripeStates.snapshot(session(client(account), providerReference));
        } catch (StripeException e) {
            throw StripeErrors.map(e);
        }
    }

    @Override
    public RefundResult refund(ProviderAccount account, RefundRequest request) throws ProviderException {
        StripeClient client = client(account);
        try {
            Session session = session(client, request.providerReference());
            if (session.getPaymentIntent() == null) {
                throw new ProviderException(ProviderErrorKind.INVALID_REQUEST, "checkout " + session.getId() + " was not paid");
            }
            RefundCreateParams.Builder params = RefundCreateParams.builder()
                    .setPaymentIntent(session.getPaymentIntent())
                    .setAmount(request.amount().minorUnits())
                    .putMetadata(REFUND_ID_KEY, request.refundId());
            String paymentId = session.getMetadata() == null ? null : session.getMetadata().get(PAYMENT_ID_KEY);
            if (paymentId != null) {
                params.putMetadata(PAYMENT_ID_KEY, paymentId);
            }
            if (request.reason() != null) {
                params.putMetadata("tender_reason", request.reason());
            }
            Refund refund = RateLimits.retry(() -> client.v1().refunds().create(params.build(), idempotent(request.idempotencyKey())));
            return new RefundResult(refund.getId(), StripeStates.refundStatus(refund.getStatus()));
        } catch (StripeException e) {
            throw StripeErrors.map(e);
        }
    }

    @Override
    public PaymentSnapshot cancelCheckout(ProviderAccount account, String providerReference) throws ProviderException {
        StripeClient client = client(account);
        try {
            // Stripe calls a session closed on request "expired", like one that ran out of time. The
            // mark lets every later read tell the two apart; it means nothing unless the session expired.
            client.v1().checkout().sessions().update(providerReference, SessionUpdateParams.builder()
                    .putMetadata(StripeStates.CANCELED_KEY, "true").build());
        } catch (InvalidRequestException e) {
            // The mark is a nicety: without it the session reads as EXPIRED. Closing it is what matters.
        } catch (StripeException e) {
            throw StripeErrors.map(e);
        }
        try {
            return StripeStates.snapshot(client.v1().checkout().sessions().expire(providerReference,
                    idempotent("tender-expire-" + providerReference)));
        } catch (InvalidRequestException e) {
            // Only open sessions can be expired: it was paid or expired meanwhile; report what it is.
            return fetchState(account, providerReference);
        } catch (StripeException e) {
            throw StripeErrors.map(e);
        }
    }

    @Override
    public ProviderEvent parseWebhook(ProviderAccount account, WebhookRequest request) throws WebhookRejectedException {
        return StripeWebhooks.parse(account.settings(StripeSettings.class).webhookSecret(), request);
    }
}
