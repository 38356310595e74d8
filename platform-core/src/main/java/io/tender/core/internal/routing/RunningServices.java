package io.tender.core.internal.routing;

import io.tender.api.method.PaymentMethod;
import io.tender.api.provider.PaymentProvider;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;

/** Looks up the providers and methods that are running at this moment. */
public interface RunningServices {

    /** @return the provider with the id, if it is running */
    Optional<PaymentProvider> provider(String id);

    /**
     * @return true, without waiting, if the provider with the id runs now or went away so recently
     *         that a call would still wait for it (its bundle is being updated)
     */
    default boolean available(String id) {
        return provider(id).isPresent();
    }

    /** @return the bundle that registered the provider, for reading its metatype */
    Optional<Bundle> providerBundle(String id);

    /** @return the method with the id, if it is running */
    Optional<PaymentMethod> method(String id);

    /** @return the ids of the running methods */
    List<String> methodIds();
}
