package io.tender.api;

import io.tender.api.provider.WebhookRequest;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Takes, tracks, refunds and cancels payments. Implemented by the platform; the console and
 * payment methods call it.
 *
 * <p>Every payment is written to the ledger before its provider is called, and every change of
 * status is appended to its history. Calls that move money are idempotent.
 */
@ProviderType
public interface PaymentService {

    /**
     * Records a payment and starts its checkout at the provider bound to the method at the
     * location.
     *
     * @param request what to charge and for what
     * @return the recorded payment; its status says whether the checkout is open
     *         ({@link PaymentStatus#PENDING}) or why not. Repeating a request with the same
     *         idempotency key returns the first payment.
     * @throws TenderException if the request is invalid or cannot be routed; nothing is recorded then
     */
    Payment create(PaymentRequest request);

    /**
     * @param paymentId a payment id
     * @return the payment, if it exists
     */
    Optional<Payment> find(String paymentId);

    /**
     * @param locationId the location
     * @param purpose    the kind of business object, e.g. {@code booking}
     * @param reference  the business object's id
     * @return the payments made for that business object, oldest first
     */
    List<Payment> findFor(String locationId, String purpose, String reference);

    /**
     * Lists payments, newest first, a page at a time. Pages are cut by a cursor, so payments
     * created meanwhile never shift one into the next page twice.
     *
     * @throws TenderException naming the field if the limit is out of range or the cursor is not one
     *                         this service gave
     */
    PaymentPage search(PaymentQuery query);

    /**
     * @param paymentId a payment id
     * @return its history, oldest first
     * @throws TenderException if there is no such payment
     */
    List<PaymentEvent> history(String paymentId);

    /**
     * Asks the payment's provider for its current state and records any change.
     *
     * @param paymentId a payment id
     * @return the payment after the update
     * @throws TenderException if there is no such payment or its provider is not installed
     */
    Payment refresh(String paymentId);

    /**
     * Refunds all or part of a captured payment through the connection it was made with.
     *
     * @param paymentId      the payment
     * @param amount         the amount to refund, at most what is still refundable; null for all of it
     * @param idempotencyKey repeating a refund with the same key refunds once; may be null
     * @return the payment after the refund
     * @throws TenderException if the payment is not refundable or the amount is too large
     */
    Payment refund(String paymentId, Money amount, String idempotencyKey);

    /**
     * Cancels a payment whose checkout is still open.
     *
     * @param paymentId the payment
     * @return the payment after the cancel
     * @throws TenderException if the payment is no longer open
     */
    Payment cancel(String paymentId);

    /**
     * Verifies a webhook with the provider of the given connection and applies the event it
     * carries to the payment it concerns.
     *
     * @param connectionId the connection the webhook was addressed to
     * @param request      the raw body and headers as received
     * @return the payment the event concerned, if any
     * @throws TenderException if the connection is unknown, its provider is not installed, or
     *                         the webhook fails verification ({@link TenderException.Reason#INVALID})
     */
    Optional<Payment> acceptWebhook(String connectionId, WebhookRequest request);

    /**
     * The payments reconciliation could not bring to an outcome: still open at their provider
     * after several checks over a day, or whose provider could not be asked. Their history holds a
     * {@code needs-attention} event saying why.
     *
     * @param locationId the location
     * @param limit      at most this many, 1 to 500
     * @return the open payments flagged for an admin, oldest first
     * @since 2.4
     */
    List<Payment> needingAttention(String locationId, int limit);
}
