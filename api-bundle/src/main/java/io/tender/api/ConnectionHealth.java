package io.tender.api;

import java.time.Instant;

/**
 * How calls to a provider connection went lately, as this node saw them since it started. A call
 * fails when the provider could not be reached, timed out, refused the credentials, broke, or was
 * not installed in time; a declined card or a refused request is an answer, not a failure.
 *
 * @param connectionId   the connection
 * @param recentCalls    calls among the last 100 (fewer right after a start)
 * @param recentFailures how many of them failed
 * @param inFlight       calls waiting for the provider now
 * @param lastSuccessAt  when a call last got an answer, or null
 * @param lastFailureAt  when a call last failed, or null
 * @param lastFailure    why it failed, or null
 */
public record ConnectionHealth(String connectionId, int recentCalls, int recentFailures, int inFlight, Instant lastSuccessAt,
        Instant lastFailureAt, String lastFailure) {

    /** @return the share of recent calls that failed, 0 to 100, rounded down */
    public int errorPercent() {
        return recentCalls == 0 ? 0 : recentFailures * 100 / recentCalls;
    }
}
