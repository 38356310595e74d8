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
     * Reads {@code If-Match} (RFC 9110): {@code *}, or a list of entity tags, compared strongly, so a
     * weak tag matches no version.
     *
     * @return the versions the caller accepts, empty for {@code *} or no header (any version)
     * @throws TenderException INVALID if the header is not a list of entity tags
     */
    static java.util.Set<Long> accepted(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return java.util.Set.of();
        }
        java.util.Set<Long> versions = new java.util.HashSet<>();
        for (String part : ifMatch.split(",")) {
            String tag = part.strip();
            boolean weak = tag.startsWith("W/");
            String opaque = weak ? tag.substring(2) : tag;
            if (opaque.length() < 2 || !opaque.startsWith("\"") || !opaque.endsWith("\"") || opaque.length() > 40) {
                throw TenderException.invalid("If-Match", "must be *, or entity tags such as \"3\"");
            }
            try {
                versions.add(weak ? -1L : Long.parseLong(opaque.substring(1, opaque.length() - 1)));
            } catch (NumberFormatException e) {
                versions.add(-1L); // a tag that is none of our versions: it matches nothing
            }
        }
        return versions;
    }

    /**
     * @return the one version the caller read, or null for any
     * @throws TenderException PRECONDITION_FAILED if the header names no version that can match
     */
    static Long expected(String ifMatch) {
        java.util.Set<Long> versions = accepted(ifMatch);
        if (versions.isEmpty()) {
            return null;
        }
        java.util.List<Long> real = versions.stream().filter(v -> v >= 0).sorted().toList();
        if (real.isEmpty()) {
            throw TenderException.preconditionFailed("If-Match", "names no version of this setting");
        }
        if (real.size() > 1) {
            throw TenderException.invalid("If-Match", "name the one version you read");
        }
        return real.get(0);
    }
}
