package io.tender.api;

/**
 * A request that the platform refuses, with a reason callers can map to a response, and the
 * input field that caused it when there is one. Nothing was changed when this is thrown.
 */
public class TenderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Reason {
        /** The input is malformed or breaks a rule; {@link #field()} names it. */
        INVALID,
        /** A named thing (location, method, connection, payment) does not exist. */
        NOT_FOUND,
        /** The request conflicts with the current state (illegal transition, reused key). */
        CONFLICT,
        /** The provider a route needs is not installed right now. */
        PROVIDER_NOT_INSTALLED,
        /** The provider could not be reached or refused the call; try again later. */
        PROVIDER_UNAVAILABLE,
        /** The thing changed since the caller read it (its version is not the one the caller named). */
        PRECONDITION_FAILED,
        /** The idempotency key was used before for a request with other parameters (since 2.4). */
        KEY_REUSED
    }

    private final Reason reason;
    private final String field;

    /**
     * @param reason  why the request was refused
     * @param field   the input field at fault, or null
     * @param message what is wrong, readable by an admin
     */
    public TenderException(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    /** @return why the request was refused */
    public Reason reason() {
        return reason;
    }

    /** @return the input field at fault, or null */
    public String field() {
        return field;
    }

    /** @return an {@link Reason#INVALID} exception for a field */
    public static TenderException invalid(String field, String message) {
        return new TenderException(Reason.INVALID, field, message);
    }

    /** @return a {@link Reason#NOT_FOUND} exception for a field */
    public static TenderException notFound(String field, String message) {
        return new TenderException(Reason.NOT_FOUND, field, message);
    }

    /** @return a {@link Reason#PRECONDITION_FAILED} exception: the thing changed since the caller read it */
    public static TenderException preconditionFailed(String field, String message) {
        return new TenderException(Reason.PRECONDITION_FAILED, field, message);
    }

    /** @return a {@link Reason#KEY_REUSED} exception: the key names an earlier request with other parameters */
    public static TenderException keyReused(String message) {
        return new TenderException(Reason.KEY_REUSED, "idempotencyKey", message);
    }

    /** @return a {@link Reason#CONFLICT} exception */
    public static TenderException conflict(String field, String message) {
        return new TenderException(Reason.CONFLICT, field, message);
    }
}
