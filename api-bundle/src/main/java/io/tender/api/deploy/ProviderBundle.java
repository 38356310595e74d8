package io.tender.api.deploy;

import java.util.List;

/**
 * A provider bundle in the deploy folder, as the running framework has it.
 *
 * @param file            its file name in {@code deploy/}, which names it in the API
 * @param bundleId        the framework's id for it, or -1 if it is not installed (yet)
 * @param symbolicName    its Bundle-SymbolicName
 * @param version         its Bundle-Version, as in the file
 * @param state           INSTALLED, RESOLVED, STARTING, ACTIVE, STOPPING, or ABSENT while the framework has not taken it in
 * @param providerIds     the payment providers it registers now
 * @param previousVersion the version a rollback would bring back, or null if there is none
 */
public record ProviderBundle(String file, long bundleId, String symbolicName, String version, String state, List<String> providerIds,
        String previousVersion) {

    public ProviderBundle {
        providerIds = providerIds == null ? List.of() : List.copyOf(providerIds);
    }
}
