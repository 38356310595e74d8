package io.tender.console.internal.rest;

import io.tender.api.access.Principal;
import io.tender.api.access.Role;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Who is calling, as {@link AccessControl} authenticated them, and the checks a resource makes on
 * things it finds by id, whose location the path does not name.
 *
 * @param principal who they are and what they may do
 * @param csrfToken the token their state-changing requests must repeat, when signed in with a cookie; null for an API key
 * @param secure    whether the request came over HTTPS
 */
record Caller(Principal principal, String csrfToken, boolean secure) implements SecurityContext {

    static final String COOKIE_AUTH = "COOKIE";
    static final String API_KEY_AUTH = "API_KEY";

    /** The caller as the security context's user principal: Jersey hands resources a proxy of the context, not this record. */
    private record Name(Caller caller) implements java.security.Principal {
        @Override
        public String getName() {
            return caller.principal().name();
        }
    }

    /** @return the caller of the request; every resource method that is not public has one */
    static Caller of(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof Name name) {
            return name.caller();
        }
        throw new IllegalStateException("no authenticated caller: the resource does not select " + AccessControl.NAME);
    }

    /** @throws ForbiddenException unless the caller may read the location's settings and payments */
    Caller requireRead(String locationId) {
        if (!principal.canRead(locationId)) {
            throw new ForbiddenException("you may not see location '" + locationId + "'");
        }
        return this;
    }

    /**
     * For things that belong to one location but are valid at others too (gift cards, memberships).
     *
     * @throws ForbiddenException unless the caller may read the home location or one of the others
     */
    Caller requireReadAny(String home, java.util.Collection<String> others) {
        if (!principal.canRead(home) && others.stream().noneMatch(principal::canRead)) {
            requireRead(home);
        }
        return this;
    }

    /** @throws ForbiddenException unless the caller may change the location's settings and payments */
    Caller requireWrite(String locationId) {
        requireRead(locationId);
        if (!principal.canWrite(locationId)) {
            throw new ForbiddenException("your role " + principal.role() + " may not change location '" + locationId + "'");
        }
        return this;
    }

    boolean isOwner() {
        return principal.role() == Role.OWNER;
    }

    @Override
    public java.security.Principal getUserPrincipal() {
        return new Name(this);
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal.role().name().equals(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return csrfToken != null ? COOKIE_AUTH : API_KEY_AUTH;
    }
}
