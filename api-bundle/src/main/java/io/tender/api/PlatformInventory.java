package io.tender.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** What is installed in the running platform. Implemented by the platform. */
@ProviderType
public interface PlatformInventory {

    /** @return Tender's own version */
    String version();

    /** @return the providers that are running now, ordered by id */
    List<InstalledProvider> providers();

    /** @return the payment methods that are running now, ordered by id */
    List<InstalledMethod> methods();

    /** @return how calls to the provider connection went lately on this node (no calls yet: all zero) */
    ConnectionHealth connectionHealth(String connectionId);
}
