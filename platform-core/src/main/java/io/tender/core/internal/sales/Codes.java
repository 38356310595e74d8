package io.tender.core.internal.sales;

import java.security.SecureRandom;

/** The codes clients redeem gift cards and memberships with. */
final class Codes {

    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Codes() {
    }

    /** Sixteen characters without look-alikes (no I, O, 0, 1), in groups of four: 80 random bits. */
    static String next() {
        StringBuilder code = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }
}
