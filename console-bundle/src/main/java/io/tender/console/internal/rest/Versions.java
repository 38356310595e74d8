package io.tender.console.internal.rest;

import io.tender.api.TenderException;
import jakarta.ws.rs.core.EntityTag;

/** Versions of stored settings as HTTP entity tags, and the version an {@code If-Match} names. */
final class Versions {

    private Versions() {
    }

    static EntityTag tag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * @return the version the caller read, or null for none ({@code If-Match} absent or {@code *})
     * @throws TenderException PRECONDITION_FAILED if the header names something that is not one of our tags
     */
    static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
            throw TenderException.preconditionFailed("If-Match", "must be the ETag read before, such as \"3\", or *");
        }
        try {
            return Long.parseLong(tag.substring(1, tag.length() - 1));
        } catch (NumberFormatException e) {
            throw TenderException.preconditionFailed("If-Match", "names no version of this setting");
        }
    }
}
