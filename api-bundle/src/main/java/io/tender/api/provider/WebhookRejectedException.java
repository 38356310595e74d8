package io.tender.api.provider;

/** A webhook that failed verification: bad or missing signature, stale timestamp, malformed body. */
public class WebhookRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message why it was rejected, without secrets */
    public WebhookRejectedException(String message) {
        super(message);
    }
}
