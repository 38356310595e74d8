package io.tender.api.deploy;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Adds, updates, rolls back and removes provider bundles in a running Tender, through its deploy
 * folder: what is done here is what dropping, replacing or deleting the jar there does, and the
 * framework picks it up without a restart. Implemented by the platform.
 */
@ProviderType
public interface ProviderDeployment {

    /** @return the provider bundles in the deploy folder, by file name */
    List<ProviderBundle> bundles();

    /**
     * Puts a provider bundle into the deploy folder: a new file installs it, an existing one is
     * replaced (updated in place) and kept for {@link #rollback}. Waits a little for the framework to
     * take it in.
     *
     * @param file a file name ending in {@code .jar}
     * @param jar  the bundle
     * @return the bundle as the framework has it after the wait
     * @throws io.tender.api.TenderException naming {@code file} or {@code bundle} if the name is bad or
     *                                       the jar is not a bundle that provides a payment provider
     */
    ProviderBundle deploy(String file, byte[] jar);

    /**
     * Brings back the version the last deploy or remove replaced; the current one is kept in its
     * place, so a second rollback undoes the first.
     *
     * @throws io.tender.api.TenderException NOT_FOUND on {@code file} if there is nothing to roll back to
     */
    ProviderBundle rollback(String file);

    /**
     * Takes a provider bundle out of the deploy folder (it is uninstalled) and keeps it for
     * {@link #rollback}.
     *
     * @throws io.tender.api.TenderException NOT_FOUND on {@code file} if there is no such bundle
     */
    void remove(String file);
}
