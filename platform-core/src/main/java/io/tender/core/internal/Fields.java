package io.tender.core.internal;

import io.tender.api.TenderException;
import java.util.regex.Pattern;

/** The checks every input field goes through before anything is looked up or stored. */
public final class Fields {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private Fields() {
    }

    /** @return the value, which must be present, not blank and at most {@code max} characters */
    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw TenderException.invalid(field, "is required");
        }
        return optional(field, value, max);
    }

    /** @return the value, null or at most {@code max} characters */
    public static String optional(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw TenderException.invalid(field, "must be at most " + max + " characters");
        }
        return value;
    }

    /** @return the id: 1 to 64 letters, digits, '-' or '_' */
    public static String id(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw TenderException.invalid(field, "must be 1 to 64 letters, digits, '-' or '_'");
        }
        return value;
    }

    /** @return the address, null or something@somewhere of at most 254 characters */
    public static String email(String field, String value) {
        optional(field, value, 254);
        if (value != null && !EMAIL.matcher(value).matches()) {
            throw TenderException.invalid(field, "is not an email address");
        }
        return value;
    }

    /** @return the key, null or 1 to 255 characters: an Idempotency-Key as every creating call takes it */
    public static String idempotencyKey(String key) {
        if (key != null && (key.isBlank() || key.length() > 255)) {
            throw TenderException.invalid("idempotencyKey", "must be 1 to 255 characters");
        }
        return key;
    }
}
