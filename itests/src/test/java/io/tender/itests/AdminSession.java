package io.tender.itests;

import io.tender.api.access.AccessService;
import io.tender.api.access.Role;
import io.tender.api.access.Session;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Set;

/**
 * A signed-in owner for tests that call the API over HTTP: every request carries the session
 * cookie and the CSRF token, as the console's requests do. The session is made through the
 * platform's {@link AccessService}; signing in over HTTP is tested on its own in {@code AccessControlIT}.
 */
final class AdminSession {

    static final String OWNER_EMAIL = "owner@itest.example";
    static final String OWNER_PASSWORD = "itest owner password";

    private final Session session;

    private AdminSession(Session session) {
        this.session = session;
    }

    /** The framework's one signed-in owner: each test class boots its own framework, and loads this class anew. */
    private static AdminSession owner;

    /** Signs the test's owner in, creating them on the framework's first use. */
    static synchronized AdminSession owner(AccessService access) {
        if (owner == null) {
            if (!access.hasOwner()) {
                access.createUser(OWNER_EMAIL, OWNER_PASSWORD, Role.OWNER, Set.of());
            }
            owner = new AdminSession(access.signIn(OWNER_EMAIL, OWNER_PASSWORD).orElseThrow());
        }
        return owner;
    }

    /** @return a request that carries the session */
    HttpRequest.Builder to(URI uri) {
        return HttpRequest.newBuilder(uri).header("Cookie", "tender_session=" + session.token())
                .header("X-CSRF-Token", session.csrfToken());
    }
}
