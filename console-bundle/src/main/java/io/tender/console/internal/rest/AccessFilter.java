package io.tender.console.internal.rest;

import io.tender.api.access.AccessService;
import io.tender.api.access.Principal;
import io.tender.api.access.Role;
import io.tender.api.access.Session;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates a request by its API key ({@code Authorization: Bearer tk_...}) or its session
 * cookie, then authorizes it: the role the method needs, no change by a viewer, and the location
 * in the path within the caller's scope. A cookie request that changes something must repeat the
 * session's CSRF token in {@code X-CSRF-Token}: a page of another site can make the browser send
 * the cookie but cannot read the token.
 */
final class AccessFilter implements ContainerRequestFilter {

    static final String SESSION_COOKIE = "tender_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final long MAX_DRAINED = 1 << 20;
    private static final Set<String> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final AccessService access;
    private final Set<String> rolesAllowed;

    AccessFilter(AccessService access, Set<String> rolesAllowed) {
        this.access = access;
        this.rolesAllowed = rolesAllowed;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<Caller> caller = authenticate(request);
        if (caller.isEmpty()) {
            drain(request);
            request.abortWith(Problem.of(Status.UNAUTHORIZED, "unauthorized", "sign in (POST /api/session) or send an API key"
                    + " as 'Authorization: Bearer tk_...'", null).toResponse(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tender\""));
            return;
        }
        Principal who = caller.get().principal();
        boolean changes = !SAFE.contains(request.getMethod());
        String refusal = null;
        if (changes && caller.get().csrfToken() != null && !sameToken(caller.get().csrfToken(), request.getHeaderString(CSRF_HEADER))) {
            refusal = "a change made with the session cookie must repeat the session's CSRF token in " + CSRF_HEADER;
        } else if (!rolesAllowed.isEmpty() && !rolesAllowed.contains(who.role().name())) {
            refusal = "this needs the role " + String.join(" or ", rolesAllowed) + "; yours is " + who.role();
        } else if (changes && who.role() == Role.VIEWER) {
            refusal = "a viewer may read but change nothing";
        } else {
            String location = request.getUriInfo().getPathParameters().getFirst("locationId");
            if (location != null && !(changes ? who.canWrite(location) : who.canRead(location))) {
                refusal = "you may not " + (changes ? "change" : "see") + " location '" + location + "'";
            }
        }
        if (refusal != null) {
            drain(request);
            request.abortWith(Problem.of(Status.FORBIDDEN, "forbidden", refusal, null).toResponse());
            return;
        }
        request.setSecurityContext(caller.get());
    }

    /**
     * Reads a refused request's (small) body. Answering without reading it lets Jetty close the
     * connection when the body arrives after the answer, and a client that reuses the connection
     * for its next request would see it cut.
     */
    private static void drain(ContainerRequestContext request) {
        if (!request.hasEntity()) {
            return;
        }
        try (var body = request.getEntityStream()) {
            byte[] chunk = new byte[8192];
            long left = MAX_DRAINED;
            for (int read; left > 0 && (read = body.read(chunk, 0, (int) Math.min(chunk.length, left))) > 0;) {
                left -= read;
            }
        } catch (java.io.IOException e) {
            // The client went away: nothing to keep alive.
        }
    }

    private Optional<Caller> authenticate(ContainerRequestContext request) {
        boolean secure = request.getSecurityContext().isSecure();
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            return authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? access.apiKey(authorization.substring(7).strip()).map(p -> new Caller(p, null, secure))
                    : Optional.empty();
        }
        Cookie cookie = request.getCookies().get(SESSION_COOKIE);
        if (cookie == null) {
            return Optional.empty();
        }
        return access.session(cookie.getValue()).map(s -> callerOf(s, secure));
    }

    static Caller callerOf(Session session, boolean secure) {
        return new Caller(session.principal(), session.csrfToken(), secure);
    }

    private static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
