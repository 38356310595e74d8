package io.tender.core.internal.routing;

import io.tender.api.InstalledMethod;
import io.tender.api.InstalledProvider;
import io.tender.api.PlatformInventory;
import io.tender.api.method.PaymentMethod;
import io.tender.api.provider.PaymentProvider;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The providers and methods running right now. Both come and go at any time: a provider bundle
 * that starts is routable at once, one that stops is gone from the next lookup on.
 */
@Component(service = {RunningServices.class, PlatformInventory.class})
public final class InstalledServices implements RunningServices, PlatformInventory {

    private final String version;
    private final ServiceDirectory<PaymentProvider> providers = new ServiceDirectory<>(PaymentProvider.ID_PROPERTY);
    private final ServiceDirectory<PaymentMethod> methods = new ServiceDirectory<>(PaymentMethod.ID_PROPERTY);

    @Activate
    public InstalledServices(BundleContext context) {
        this.version = context.getBundle().getVersion().toString();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(ServiceReference<PaymentProvider> reference, PaymentProvider provider) {
        providers.add(reference, provider);
    }

    void removeProvider(ServiceReference<PaymentProvider> reference) {
        providers.remove(reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMethod(ServiceReference<PaymentMethod> reference, PaymentMethod method) {
        methods.add(reference, method);
    }

    void removeMethod(ServiceReference<PaymentMethod> reference) {
        methods.remove(reference);
    }

    @Override
    public Optional<PaymentProvider> provider(String id) {
        return providers.find(id).map(ServiceDirectory.Entry::service);
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
