package io.tender.core.internal.routing;

import io.tender.api.InstalledMethod;
import io.tender.api.InstalledProvider;
import io.tender.api.PlatformInventory;
import io.tender.api.method.PaymentMethod;
import io.tender.api.provider.PaymentProvider;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The providers and methods running right now. Both come and go at any time. Calls to providers go
 * through a {@link ProviderGate}: while a provider bundle is updated they wait (up to
 * {@code waitSeconds}) for the new version instead of failing, and a provider going away first lets
 * the calls inside it finish (up to {@code drainSeconds}).
 */
@Component(service = {RunningServices.class, PlatformInventory.class}, configurationPid = InstalledServices.PID)
@Designate(ocd = InstalledServices.Config.class)
public final class InstalledServices implements RunningServices, PlatformInventory {

    static final String PID = "io.tender.providers";

    @ObjectClassDefinition(name = "Tender providers", description = "How calls ride through provider updates.")
    public @interface Config {
        @AttributeDefinition(name = "Wait for a provider (seconds)", description = "How long a call waits for a provider that"
                + " is being updated or is absent before it is refused as unavailable (HTTP 503).", min = "0", max = "300")
        int waitSeconds() default 10;

        @AttributeDefinition(name = "Drain (seconds)", description = "How long a provider that goes away waits for the calls"
                + " inside it to finish before its bundle stops. Keep it below the wait: the framework may hold its lock"
                + " while a refreshed bundle stops.", min = "0", max = "600")
        int drainSeconds() default 5;

        @AttributeDefinition(name = "Call timeout (seconds)", description = "How long a caller waits for a provider's answer;"
                + " then the outcome is unknown and the call is refused (it may still finish).", min = "1", max = "600")
        int callTimeoutSeconds() default 30;

        @AttributeDefinition(name = "Calls in flight per connection", description = "More are refused at once, so a slow or"
                + " hanging provider cannot take every thread.", min = "1", max = "10000")
        int maxConcurrentCalls() default 64;
    }

    private final String version;
    private final ServiceDirectory<PaymentProvider> providers = new ServiceDirectory<>(PaymentProvider.ID_PROPERTY);
    private final ServiceDirectory<PaymentMethod> methods = new ServiceDirectory<>(PaymentMethod.ID_PROPERTY);
    private final ProviderGate gate;
    private final ConnectionBulkheads bulkheads;

    @Activate
    public InstalledServices(BundleContext context, Config config) {
        this.version = context.getBundle().getVersion().toString();
        this.gate = new ProviderGate(Duration.ofSeconds(config.waitSeconds()), Duration.ofSeconds(config.drainSeconds()));
        this.bulkheads = new ConnectionBulkheads(Duration.ofSeconds(config.callTimeoutSeconds()), config.maxConcurrentCalls());
    }

    @Modified
    void modified(Config config) {
        gate.configure(Duration.ofSeconds(config.waitSeconds()), Duration.ofSeconds(config.drainSeconds()));
        bulkheads.configure(Duration.ofSeconds(config.callTimeoutSeconds()), config.maxConcurrentCalls());
    }

    @Deactivate
    void deactivate() {
        bulkheads.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(ServiceReference<PaymentProvider> reference, PaymentProvider provider) {
        providers.add(reference, provider);
        if (reference.getProperty(PaymentProvider.ID_PROPERTY) instanceof String id && !id.isBlank()) {
            gate.arrive(id, reference, provider);
        }
    }

    void removeProvider(ServiceReference<PaymentProvider> reference) {
        // Blocks the bundle that is stopping until the calls inside its provider have finished.
        gate.leave(reference);
        providers.remove(reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMethod(ServiceReference<PaymentMethod> reference, PaymentMethod method) {
        methods.add(reference, method);
    }

    void removeMethod(ServiceReference<PaymentMethod> reference) {
        methods.remove(reference);
    }

    /**
     * @return the provider with the id, reached through the gate, once one runs; empty if none came
     *         within the wait
     */
    @Override
    public Optional<PaymentProvider> provider(String id) {
        try {
            Optional<ProviderGate.Pass> pass = gate.enter(id);
            pass.ifPresent(ProviderGate.Pass::close);
            return pass.map(p -> new GatedProvider(id, gate, bulkheads));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public io.tender.api.ConnectionHealth connectionHealth(String connectionId) {
        return bulkheads.health(connectionId);
    }

    @Override
    public boolean available(String id) {
        return gate.available(id);
    }

    @Override
    public Optional<PaymentMethod> method(String id) {
        return methods.find(id).map(ServiceDirectory.Entry::service);
    }

    @Override
    public Optional<Bundle> providerBundle(String id) {
        return providers.find(id).map(ServiceDirectory.Entry::bundle);
    }

    @Override
    public List<String> methodIds() {
        return methods.entries().stream().map(ServiceDirectory.Entry::id).sorted().toList();
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<InstalledProvider> providers() {
        return providers.entries().stream()
                .map(e -> new InstalledProvider(e.service().descriptor(), e.bundleName(), e.bundleVersion()))
                .sorted(Comparator.comparing(p -> p.descriptor().id()))
                .toList();
    }

    @Override
    public List<InstalledMethod> methods() {
        return methods.entries().stream()
                .map(e -> new InstalledMethod(e.service().descriptor(), e.bundleName(), e.bundleVersion()))
                .sorted(Comparator.comparing(m -> m.descriptor().id()))
                .toList();
    }
}
