/**
 * Deploying payment provider bundles into a running Tender: {@link io.tender.api.deploy.ProviderDeployment}.
 */
@Export
@Version("1.0.0")
package io.tender.api.deploy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
