package io.tender.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What a request asked for, as a SHA-256 hex digest: an idempotent retry must ask for the same. */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** @return the digest of the parts, each taken as text and kept apart by a NUL */
    public static String of(Object... parts) {
        StringBuilder canonical = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            canonical.append(i == 0 ? "" : "\u0000").append(parts[i]);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }
}
