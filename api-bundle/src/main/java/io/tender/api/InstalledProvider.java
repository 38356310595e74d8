package io.tender.api;

import io.tender.api.provider.ProviderDescriptor;

/**
 * A provider that is installed and running right now.
 *
 * @param descriptor    what the provider says of itself
 * @param bundle        the symbolic name of the bundle that registered it
 * @param bundleVersion that bundle's version
 */
public record InstalledProvider(ProviderDescriptor descriptor, String bundle, String bundleVersion) {
}
