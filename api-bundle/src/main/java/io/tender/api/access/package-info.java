/**
 * Who may use the API and the console: admin users with a role (owner of all locations, admin of
 * some locations, or viewer), their sessions, and API keys for integrations scoped to locations.
 * {@link io.tender.api.access.AccessService} keeps them; passwords and keys are stored only as hashes.
 */
@Export
@Version("1.1.0")
package io.tender.api.access;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
