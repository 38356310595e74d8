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
        StringBuilder id = new StringBuilder(prefix.length() + 25).append(prefix).append('_');
        appendRandom(id, 24);
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
        appendRandom(id, 14);
        return id.toString();
    }

    /** Appends {@code characters} random characters, 5 random bits each. */
    private static void appendRandom(StringBuilder id, int characters) {
        byte[] bytes = new byte[(characters * 5 + 7) / 8];
        RANDOM.nextBytes(bytes);
        int bits = 0;
        int buffered = 0;
        int next = 0;
        for (int i = 0; i < characters; i++) {
            if (buffered < 5) {
                bits = (bits << 8) | (bytes[next++] & 0xff);
                buffered += 8;
            }
            buffered -= 5;
            id.append(ALPHABET[(bits >>> buffered) & 31]);
        }
    }
}
