package io.tender.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What a request asked for, as a SHA-256 hex digest: an idempotent retry must ask for the same. */
public final class Fingerprint {

    private Fingerprint() {
    }

    /**
     * @return the digest of the parts: each written with its length (null as {@code -1}), so no two
     *         different lists of parts read the same
     */
    public static String of(Object... parts) {
        StringBuilder canonical = new StringBuilder();
        for (Object part : parts) {
            if (part == null) {
                canonical.append("-1:");
            } else {
                String text = part.toString();
                canonical.append(text.length()).append(':').append(text);
            }
        }
        return sha256(canonical.toString());
    }

    /**
     * @return the digest of the parts joined by NUL, as payments' fingerprints were first stored
     *         (kept so that keys used before still replay)
     */
    public static String ofNulJoined(Object... parts) {
        StringBuilder canonical = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            canonical.append(i == 0 ? "" : "\u0000").append(parts[i]);
        }
        return sha256(canonical.toString());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }
}
