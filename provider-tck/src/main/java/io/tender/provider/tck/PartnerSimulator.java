package io.tender.provider.tck;

import io.tender.api.provider.CheckoutSession;
import io.tender.api.provider.ProviderAccount;
import io.tender.api.provider.WebhookRequest;
import java.time.Instant;

/**
 * The partner's side of a payment, which the kit cannot do through the contract: a client paying
 * or being declined on the hosted checkout, and the webhooks the partner sends. A provider's test
 * implements it against the partner's sandbox or a local stand-in of its API.
 */
public interface PartnerSimulator {

    /** The client pays the checkout successfully. */
    void pay(ProviderAccount account, CheckoutSession session) throws Exception;

    /** The client's payment on the checkout is declined. */
    void decline(ProviderAccount account, CheckoutSession session) throws Exception;

    /**
     * The webhook the partner sends when the checkout was paid, exactly as it would arrive.
     *
     * @param account       the connection it is addressed to
     * @param session       the paid checkout
     * @param signedAt      when the partner signed it
     * @param signingSecret the secret to sign with (the kit passes a wrong one to test rejection)
     * @return the raw request
     */
    WebhookRequest paidWebhook(ProviderAccount account, CheckoutSession session, Instant signedAt, String signingSecret)
            throws Exception;

    /** @return the account's real webhook signing secret */
    String signingSecret(ProviderAccount account);
}
