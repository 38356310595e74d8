package io.tender.core.internal.payments;

import io.tender.api.PaymentStatus;
import io.tender.api.provider.ProviderErrorKind;
import io.tender.api.provider.ProviderStatus;

/** How what a provider reports maps onto the ledger's states. */
final class ProviderStatuses {

    private ProviderStatuses() {
    }

    static PaymentStatus toPayment(ProviderStatus status) {
        return switch (status) {
            case SUCCEEDED -> PaymentStatus.SUCCEEDED;
            case PENDING -> PaymentStatus.PENDING;
            case REQUIRES_ACTION -> PaymentStatus.REQUIRES_ACTION;
            case DECLINED -> PaymentStatus.DECLINED;
            case CANCELED -> PaymentStatus.CANCELED;
            case EXPIRED -> PaymentStatus.EXPIRED;
            case NOT_SENT -> PaymentStatus.FAILED;
            case UNKNOWN -> PaymentStatus.UNKNOWN;
        };
    }

    /** A failed call leaves the payment declined, failed (never sent) or unknown (must be fetched). */
    static PaymentStatus afterError(ProviderErrorKind kind) {
        if (kind == ProviderErrorKind.DECLINED) {
            return PaymentStatus.DECLINED;
        }
        return kind.outcomeUnknown() ? PaymentStatus.UNKNOWN : PaymentStatus.FAILED;
    }
}
