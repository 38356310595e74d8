package io.tender.api.idempotency;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Keeps the answers of idempotent requests. A caller {@link #claim claims} the key before running
 * the request; the claim either lets it run (then it must {@link #complete} or {@link #release}),
 * or hands back the answer of the request that ran first.
 */
@ProviderType
public interface IdempotentRequests {

    /**
     * Claims a key for one request. When another request with the key is running, here or on
     * another node, waits for its answer for at most {@code wait}.
     *
     * @param scope       whose keys these are (an API key or a user): keys of different callers never meet
     * @param key         the caller's Idempotency-Key, 1 to 255 printable characters
     * @param fingerprint what identifies the request (method, path and body), to refuse a reuse with other parameters
     * @param wait        how long to wait for a running request with the same key
     * @return what to do
     */
    Claim claim(String scope, String key, String fingerprint, Duration wait);

    /**
     * Stores the answer of a claimed request, to be given to every retry for a day.
     *
     * @param ticket the claim's ticket
     * @param answer what the request answered
     */
    void complete(Claim.Run ticket, StoredAnswer answer);

    /**
     * Gives the key up without an answer (the request's outcome says to try again), so that the
     * next request with it runs.
     *
     * @param ticket the claim's ticket
     */
    void release(Claim.Run ticket);
}
