package io.tender.console.internal.admin;

import io.tender.api.access.AccessService;
import io.tender.api.access.Principal;
import io.tender.api.access.Role;
import io.tender.api.access.Session;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Lets only Tender's owners into the Felix Web Console ({@code /system/console}): they sign in to
 * Tender's console, and its session cookie opens this one too. The framework property
 * {@code felix.webconsole.security.providers=tender} makes the Web Console wait for this provider
 * and turns its built-in admin/admin off.
 */
@Component(service = SecurityProvider.class, property = SecurityProvider.PROPERTY_ID + "=tender")
public final class WebConsoleAccess implements SecurityProvider {

    private static final String SESSION_COOKIE = "tender_session";

    private final AccessService access;

    @Activate
    public WebConsoleAccess(@Reference AccessService access) {
        this.access = access;
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        Optional<Principal> who = Optional.ofNullable(request.getCookies()).stream().flatMap(Arrays::stream)
                .filter(c -> SESSION_COOKIE.equals(c.getName())).map(Cookie::getValue).findFirst()
                .flatMap(access::session).map(Session::principal);
        try {
            if (who.isEmpty()) {
                response.sendRedirect("/console/index.html#/login"); // sign in there, then come back
                return null;
            }
            if (who.get().role() != Role.OWNER) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "The Web Console is for owners only.");
                return null;
            }
            if (!safe(request.getMethod()) && !sameOrigin(request)) {
                // The Web Console has no CSRF token of its own: a change must come from its own pages.
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "A change must come from the Web Console's own pages.");
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return who.get();
    }

    private static boolean safe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    /** @return true if the browser says the request comes from this very origin */
    private static boolean sameOrigin(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return fetchSite.equals("same-origin");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String host = request.getHeader("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user instanceof Principal principal && principal.role() == Role.OWNER;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // Signing out of Tender's console ends the session; the Web Console keeps none of its own.
    }
}
