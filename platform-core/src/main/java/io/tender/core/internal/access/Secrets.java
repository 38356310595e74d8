package io.tender.core.internal.access;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Password hashes (Argon2id with OWASP's parameters, as PHC strings, by password4j) and random
 * tokens, stored as SHA-256: a token has 256 random bits, so a fast hash is enough for it.
 */
final class Secrets {

    /** OWASP's Argon2id minimum: 19 MiB, 2 iterations, 1 lane. */
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID, 19);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Checked when the email is unknown, so that the answer takes as long as for a known one. Made
     * on the first sign-in, not when the class loads: hashing costs 19 MiB and tens of milliseconds
     * that a start should not pay.
     */
    private static final class Decoy {
        static final String HASH = hash("decoy password that matches nothing");
    }

    private Secrets() {
    }

    static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    /** @return true if the password is the one hashed; with no hash, false after the same work */
    static boolean matches(String password, String hash) {
        String stored = hash == null ? Decoy.HASH : hash;
        boolean matches = Password.check(password, stored).with(Argon2Function.getInstanceFromHash(stored));
        return hash != null && matches;
    }

    /** @return 256 random bits, URL-safe */
    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }
}
