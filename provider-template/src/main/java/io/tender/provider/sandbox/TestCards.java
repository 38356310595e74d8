package io.tender.provider.sandbox;

import io.tender.api.provider.ProviderStatus;
import java.util.Map;

/** Test card numbers in the style of Stripe's: what each one does on the sandbox checkout page. */
final class TestCards {

    static final String SUCCEEDS = "4242424242424242";
    static final String DECLINED = "4000000000000002";
    static final String REQUIRES_ACTION = "4000002500003155";

    private static final Map<String, ProviderStatus> OUTCOMES = Map.of(
            SUCCEEDS, ProviderStatus.SUCCEEDED,
            DECLINED, ProviderStatus.DECLINED,
            REQUIRES_ACTION, ProviderStatus.REQUIRES_ACTION);

    private TestCards() {
    }

    /**
     * @param cardNumber what the client typed; spaces and dashes are ignored
     * @return what paying with it does
     * @throws IllegalArgumentException for any number that is not a test card
     */
    static ProviderStatus outcome(String cardNumber) {
        ProviderStatus outcome = OUTCOMES.get(cardNumber == null ? "" : cardNumber.replaceAll("[\\s-]", ""));
        if (outcome == null) {
            throw new IllegalArgumentException("Use a test card: 4242 4242 4242 4242 (succeeds), "
                    + "4000 0000 0000 0002 (declined) or 4000 0025 0000 3155 (asks for confirmation).");
        }
        return outcome;
    }
}
