package io.tender.api.provider;

/** A provider call that failed, typed by {@link ProviderErrorKind}. Messages must not contain secrets. */
public class ProviderException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ProviderErrorKind kind;

    /**
     * @param kind    why it failed
     * @param message what failed, readable by an admin
     */
    public ProviderException(ProviderErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /**
     * @param kind    why it failed
     * @param message what failed, readable by an admin
     * @param cause   the underlying failure
     */
    public ProviderException(ProviderErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** @return why it failed */
    public ProviderErrorKind kind() {
        return kind;
    }
}
