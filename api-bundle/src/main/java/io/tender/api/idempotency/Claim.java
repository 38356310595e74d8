package io.tender.api.idempotency;

/** What {@link IdempotentRequests#claim} decided. */
public sealed interface Claim {

    /**
     * The request is the first with its key (or the one before it gave up or crashed): run it.
     *
     * @param id the claim, to complete or release
     */
    record Run(String id) implements Claim {
    }

    /**
     * A request with this key ran before: give its answer again.
     *
     * @param answer what it answered
     */
    record Replay(StoredAnswer answer) implements Claim {
    }

    /** The key was used for a request with other parameters. */
    record Mismatch() implements Claim {
    }

    /** A request with this key is still running after the wait. */
    record Busy() implements Claim {
    }
}
