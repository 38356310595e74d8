/**
 * The audit log of settings changes: who changed what at which location, before and after, with
 * secrets redacted. {@link io.tender.api.audit.AuditLog} keeps it.
 */
@Export
@Version("1.0.0")
package io.tender.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
