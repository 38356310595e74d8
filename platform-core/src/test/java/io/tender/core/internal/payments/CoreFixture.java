package io.tender.core.internal.payments;

import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.TenderException;
import io.tender.api.method.Charge;
import io.tender.api.method.ChargeRequest;
import io.tender.api.method.MethodDescriptor;
import io.tender.api.method.PaymentMethod;
import io.tender.api.provider.PaymentProvider;
import io.tender.core.internal.credentials.CredentialVault;
import io.tender.core.internal.routing.RunningServices;
import io.tender.core.internal.settings.LocationSettings;
import io.tender.core.internal.settings.SealedSettings;
import io.tender.core.internal.store.TenderStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.Driver;
import org.h2.util.OsgiDataSourceFactory;
import org.osgi.framework.Bundle;
import org.osgi.util.converter.Converters;

/** The real core parts on a private in-memory H2 database, with providers and methods the test controls. */
public final class CoreFixture implements AutoCloseable {

    final Map<String, PaymentProvider> providers = new ConcurrentHashMap<>();
    final List<Payment> settled = new CopyOnWriteArrayList<>();
    public final TenderStore store;
    public final LocationSettings settings;
    final PaymentProcessor payments;
    /** The payments' clock: it stands still unless a test moves it. */
    final SettableClock clock = new SettableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    public final io.tender.core.internal.catalog.LocationCatalog catalog;
    public final io.tender.core.internal.links.LinkStore links;
    public final io.tender.core.internal.sales.SalesStore sales;

    public CoreFixture() throws Exception {
        this("jdbc:h2:mem:" + UUID.randomUUID(), new OsgiDataSourceFactory(new Driver()));
    }

    /** The platform on another database: a JDBC URL and the driver's DataSourceFactory. */
    public CoreFixture(String jdbcUrl, org.osgi.service.jdbc.DataSourceFactory driver) throws Exception {
        TenderStore.Config config = Converters.standardConverter()
                .convert(Map.of("jdbcUrl", jdbcUrl, "maxPoolSize", 4))
                .to(TenderStore.Config.class);
        store = new TenderStore(config, driver);
        CredentialVault vault = new CredentialVault(new byte[32]);
        RunningServices running = new RunningServices() {
            @Override
            public Optional<PaymentProvider> provider(String id) {
                return Optional.ofNullable(providers.get(id));
            }

            @Override
            public Optional<Bundle> providerBundle(String id) {
                return Optional.empty();
            }

            @Override
            public Optional<PaymentMethod> method(String id) {
                return methodIds().contains(id) ? Optional.of(fakeMethod(id, settled)) : Optional.empty();
            }

            @Override
            public List<String> methodIds() {
                return List.of("payment-link", "booking-prepayment");
            }
        };
        settings = new LocationSettings(store, vault, running, null);
        catalog = new io.tender.core.internal.catalog.LocationCatalog(store);
        links = new io.tender.core.internal.links.LinkStore(store, URI.create("https://pay.example/tender"), Clock.systemUTC());
        sales = new io.tender.core.internal.sales.SalesStore(store);
        payments = new PaymentProcessor(store, running, new SealedSettings(vault.cipher()),
                URI.create("http://localhost:8080"), Duration.ofMinutes(30), clock, Duration.ofMinutes(5));
    }

    private static PaymentMethod fakeMethod(String id, List<Payment> settled) {
        return new PaymentMethod() {
            @Override
            public MethodDescriptor descriptor() {
                return new MethodDescriptor(id, id, id, id, List.of());
            }

            @Override
            public Optional<Charge> charge(ChargeRequest request) {
                if ("free".equals(request.reference())) {
                    return Optional.empty();
                }
                if (request.requestedAmount() == null) {
                    throw TenderException.invalid("amount", "is required");
                }
                return Optional.of(new Charge(request.requestedAmount(), "Payment " + request.reference()));
            }

            @Override
            public void settled(Payment payment) {
                settled.add(payment);
            }
        };
    }

    static Money eur(long minor) {
        return Money.of(minor, "EUR");
    }

    @Override
    public void close() {
        store.close();
    }
}
