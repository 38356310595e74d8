package io.tender.api.access;

import java.time.Instant;

/**
 * A signed-in session.
 *
 * @param token     the secret the session cookie carries; only its hash is stored
 * @param csrfToken the token a state-changing request from the console must repeat in a header
 * @param principal who signed in
 * @param expiresAt when it ends unless used again
 */
public record Session(String token, String csrfToken, Principal principal, Instant expiresAt) {
}
