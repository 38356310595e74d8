package io.tender.core.internal;

import java.security.SecureRandom;

/**
 * Ids with a type prefix and 24 lower-case base32 characters, e.g. {@code pay_5q2x...}: either all
 * random ({@link #next}, for anything that grants access when known) or led by the time
 * ({@link #ordered}, for the rows written with every payment).
 */
public final class Ids {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    /** The same characters in their ASCII order, so that a time written with them sorts as the time does. */
    private static final char[] SORTED = "234567abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** @return a new id such as {@code pay_} followed by 24 characters: 120 random bits */
    public static String next(String prefix) {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        StringBuilder id = new StringBuilder(prefix.length() + 25).append(prefix).append('_');
        appendRandom(id, bytes, 3);
        return id.toString();
    }

    /**
     * A new id whose first 10 characters are the time in milliseconds (50 bits), so ids sort by
     * creation, followed by 70 random bits (14 characters), which keep it unguessable. A table keyed
     * by random ids takes each insert at a random place in its index, so every write dirties another
     * page and the pages a node needs stop fitting in the cache as the table grows: H2 spent 12 % of
     * payment creation's CPU reading pages back and 12 % writing them (docs/PERFORMANCE.md). Ids made
     * in one millisecond sort in no particular order. The id tells when its row was made; use
     * {@link #next} where that or fewer random bits matter (tokens, codes, keys).
     */
    public static String ordered(String prefix) {
        StringBuilder id = new StringBuilder(prefix.length() + 25).append(prefix).append('_');
        long millis = System.currentTimeMillis();
        for (int shift = 45; shift >= 0; shift -= 5) {
            id.append(SORTED[(int) (millis >>> shift) & 31]);
        }
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        appendRandom(id, bytes, 2); // 80 bits drawn, the first 70 written
        id.setLength(id.length() - 2);
        return id.toString();
    }

    /** Appends each 5 bytes of {@code bytes} as 8 characters, for {@code blocks} blocks. */
    private static void appendRandom(StringBuilder id, byte[] bytes, int blocks) {
        for (int i = 0; i < blocks * 5; i += 5) {
            long block = 0;
            for (int j = 0; j < 5; j++) {
                block = (block << 8) | (bytes[i + j] & 0xff);
            }
            for (int shift = 35; shift >= 0; shift -= 5) {
                id.append(ALPHABET[(int) (block >>> shift) & 31]);
            }
        }
    }
}
