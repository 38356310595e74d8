package io.tender.core.internal.settings;

import java.time.Instant;

/** A provider connection as stored: its settings sealed. */
public record ConnectionRow(String id, String locationId, String providerId, String name, String sealedSettings, Instant createdAt) {
}
