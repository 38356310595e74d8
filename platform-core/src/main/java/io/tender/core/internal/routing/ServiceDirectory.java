package io.tender.core.internal.routing;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Services of one type keyed by an id property. When two services claim one id, the one with the
 * highest ranking (then the oldest) wins, as OSGi's own service lookup would choose.
 */
final class ServiceDirectory<T> {

    record Entry<T>(String id, ServiceReference<T> reference, T service) {
        Bundle bundle() {
            return reference.getBundle();
        }

        String bundleName() {
            Bundle bundle = bundle();
            return bundle == null ? null : bundle.getSymbolicName();
        }

        String bundleVersion() {
            Bundle bundle = bundle();
            return bundle == null ? null : bundle.getVersion().toString();
        }
    }

    private final String idProperty;
    private final Map<ServiceReference<T>, Entry<T>> entries = new ConcurrentHashMap<>();

    ServiceDirectory(String idProperty) {
        this.idProperty = idProperty;
    }

    void add(ServiceReference<T> reference, T service) {
        if (reference.getProperty(idProperty) instanceof String id && !id.isBlank()) {
            entries.put(reference, new Entry<>(id, reference, service));
        }
    }

    void remove(ServiceReference<T> reference) {
        entries.remove(reference);
    }

    Optional<Entry<T>> find(String id) {
        return entries.values().stream()
                .filter(e -> e.id().equals(id))
                .max(Comparator.comparing(Entry::reference));
    }

    /** @return one entry per id, the winning one */
    Collection<Entry<T>> entries() {
        return entries.values().stream()
                .map(Entry::id)
                .distinct()
                .map(this::find)
                .flatMap(Optional::stream)
                .toList();
    }
}
