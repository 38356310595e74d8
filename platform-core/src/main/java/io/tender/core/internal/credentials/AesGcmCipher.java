package io.tender.core.internal.credentials;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens small secrets with AES-256-GCM. Each sealed value carries a format version and
 * its own random 96-bit nonce, and is bound to a context (the row it belongs to), so a sealed
 * value copied to another row does not open.
 */
public final class AesGcmCipher {

    private static final byte FORMAT_VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param key a 256-bit key */
    public AesGcmCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("credential key must be 32 bytes (AES-256), got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * @param plaintext what to seal
     * @param context   what the value belongs to, e.g. the connection id
     * @return base64 of version, nonce and ciphertext with tag
     */
    public String seal(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT_VERSION).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * @param sealed  a value made by {@link #seal}
     * @param context the same context it was sealed with
     * @return the plaintext
     * @throws IllegalArgumentException if the value was altered, sealed with another key or for another context
     */
    public byte[] open(String sealed, String context) {
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(sealed));
        if (buffer.remaining() < 1 + NONCE_BYTES + TAG_BITS / 8 || buffer.get() != FORMAT_VERSION) {
            throw new IllegalArgumentException("not a sealed credential of a known format");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] ciphertext = new byte[buffer.remaining()];
        buffer.get(ciphertext);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("sealed credential does not open with this key and context");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }
}
