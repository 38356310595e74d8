package io.tender.core.internal;

import java.security.SecureRandom;

/** Unguessable ids with a type prefix, e.g. {@code pay_5q2x...}: 120 random bits in lower-case base32. */
public final class Ids {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** @return a new id such as {@code pay_} followed by 24 characters */
    public static String next(String prefix) {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        StringBuilder id = new StringBuilder(prefix.length() + 25).append(prefix).append('_');
        for (int i = 0; i < bytes.length; i += 5) {
            long block = 0;
            for (int j = 0; j < 5; j++) {
                block = (block << 8) | (bytes[i + j] & 0xff);
            }
            for (int shift = 35; shift >= 0; shift -= 5) {
                id.append(ALPHABET[(int) (block >>> shift) & 31]);
            }
        }
        return id.toString();
    }
}
