/**
 * Email to clients: each location sends through its own SMTP server, and every message leaves
 * through an outbox, so a message asked for is sent once the server answers, and asked for twice
 * is sent once.
 */
@Export
@Version("1.1.0")
package io.tender.api.mail;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
