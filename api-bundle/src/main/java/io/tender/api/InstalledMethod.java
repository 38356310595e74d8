package io.tender.api;

import io.tender.api.method.MethodDescriptor;

/**
 * A payment method that is installed and running right now.
 *
 * @param descriptor    what the method says of itself
 * @param bundle        the symbolic name of the bundle that registered it
 * @param bundleVersion that bundle's version
 */
public record InstalledMethod(MethodDescriptor descriptor, String bundle, String bundleVersion) {
}
