package io.tender.console.internal.rest;

import io.tender.api.InstalledMethod;
import io.tender.api.InstalledProvider;
import io.tender.api.Payment;
import io.tender.api.PaymentEvent;
import io.tender.api.ProviderConnection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes the API answers with. Money is always integer minor units plus a currency code. */
final class Views {

    private Views() {
    }

    public record ProviderView(String id, String displayName, String version, List<String> capabilities,
            List<String> currencies, String feeNote, String settingsPid, String bundle, String bundleVersion) {
        static ProviderView of(InstalledProvider p) {
            var d = p.descriptor();
            return new ProviderView(d.id(), d.displayName(), d.version(),
                    d.capabilities().stream().map(Enum::name).sorted().toList(),
                    d.currencies().stream().map(c -> c.getCurrencyCode()).sorted().toList(),
                    d.feeNote(), d.settingsPid(), p.bundle(), p.bundleVersion());
        }
    }

    public record MethodView(String id, String title, String summary, String howItWorks, List<String> examples,
            String bundle, String bundleVersion) {
        static MethodView of(InstalledMethod m) {
            var d = m.descriptor();
            return new MethodView(d.id(), d.title(), d.summary(), d.howItWorks(), d.examples(), m.bundle(), m.bundleVersion());
        }
    }

    public record ConnectionView(String id, String locationId, String providerId, String name,
            Map<String, String> settings, String createdAt) {
        static ConnectionView of(ProviderConnection c) {
            return new ConnectionView(c.id(), c.locationId(), c.providerId(), c.name(), c.settings(), text(c.createdAt()));
        }
    }

    public record PaymentView(String id, String locationId, String methodId, String connectionId, String providerId,
            long amount, String currency, long refunded, String purpose, String reference, String description,
            String customerEmail, String status, String providerReference, String checkoutUrl, String checkoutExpiresAt,
            String failureReason, String createdAt, String updatedAt) {
        static PaymentView of(Payment p) {
            return new PaymentView(p.id(), p.locationId(), p.methodId(), p.connectionId(), p.providerId(),
                    p.amount().minorUnits(), p.amount().currency().getCurrencyCode(), p.refunded().minorUnits(),
                    p.purpose(), p.reference(), p.description(), p.customerEmail(), p.status().name(), p.providerReference(),
                    p.checkoutUrl() == null ? null : p.checkoutUrl().toString(), text(p.checkoutExpiresAt()),
                    p.failureReason(), text(p.createdAt()), text(p.updatedAt()));
        }
    }

    public record EventView(long sequence, String type, String fromStatus, String toStatus, Long amount,
            String detail, String at) {
        static EventView of(PaymentEvent e) {
            return new EventView(e.sequence(), e.type(), e.fromStatus() == null ? null : e.fromStatus().name(),
                    e.toStatus().name(), e.amount() == null ? null : e.amount().minorUnits(), e.detail(), text(e.at()));
        }
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
