package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.tender.api.access.AccessService;
import io.tender.api.access.Principal;
import io.tender.api.access.Session;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/session}: signing in to the console and out. The session token travels only in an
 * HttpOnly, SameSite=Strict cookie; the CSRF token is in the answer, for the console to repeat.
 */
@Component(service = SessionResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.session")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {

    private final AccessService access;
    private final SignInThrottle throttle;

    @Activate
    public SessionResource(@Reference AccessService access, @Reference SignInThrottle throttle) {
        this.access = access;
        this.throttle = throttle;
    }

    /** What to sign in with. */
    public record Credentials(String email, String password) {
    }

    /** Who is signed in, and the token their changes must carry in {@code X-CSRF-Token}. */
    public record SessionView(String userId, String email, String role, List<String> locations, String csrfToken,
            String expiresAt) {
        static SessionView of(Principal who, String csrfToken, String expiresAt) {
            return new SessionView(who.id(), who.name(), who.role().name(), who.locations().stream().sorted().toList(), csrfToken,
                    expiresAt);
        }
    }

    @ApiResponse(responseCode = "200", description = "Signed in; the session cookie is set",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionView.class)))
    @ApiResponse(responseCode = "401", description = "The email or the password is wrong",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "Too many failed sign-ins for this email; Retry-After says when to try again",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @POST
    @PermitAll
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(Credentials body, @Context SecurityContext transport,
            @HeaderParam("X-Forwarded-Proto") String forwardedProto) throws InterruptedException {
        Bodies.required(body);
        if (body.email() == null || body.email().isBlank()) {
            throw io.tender.api.TenderException.invalid("email", "is required");
        }
        if (body.password() == null || body.password().isEmpty()) {
            throw io.tender.api.TenderException.invalid("password", "is required");
        }
        Duration wait = throttle.wait(body.email());
        if (!wait.isZero()) {
            return Problem.of(Status.TOO_MANY_REQUESTS, "too-many-sign-ins", "too many failed sign-ins for this email; try again in "
                    + Math.max(1, wait.toMinutes()) + " minutes", null).toResponse(HttpHeaders.RETRY_AFTER, String.valueOf(wait.toSeconds()));
        }
        if (!throttle.enter()) {
            return Problem.of(Status.SERVICE_UNAVAILABLE, "busy", "too many sign-ins at once; try again in a moment", null)
                    .toResponse(HttpHeaders.RETRY_AFTER, "2");
        }
        Session session;
        try {
            session = access.signIn(body.email(), body.password()).orElse(null);
        } finally {
            throttle.leave();
        }
        if (session == null) {
            throttle.failed(body.email());
            return Problem.of(Status.UNAUTHORIZED, "unauthorized", "the email or the password is wrong", null).toResponse();
        }
        throttle.succeeded(body.email());
        NewCookie cookie = new NewCookie.Builder(AccessFilter.SESSION_COOKIE).value(session.token()).path("/").httpOnly(true)
                .secure(secure(transport, forwardedProto)).sameSite(NewCookie.SameSite.STRICT).build();
        return Response.ok(SessionView.of(session.principal(), session.csrfToken(), session.expiresAt().toString()))
                .cookie(cookie).build();
    }

    /** Who is signed in (or which API key calls), with the CSRF token of a cookie session. */
    @GET
    @SecurityRequirement(name = "apiKey")
    @SecurityRequirement(name = "sessionCookie")
    public SessionView current(@Context SecurityContext context) {
        Caller caller = Caller.of(context);
        return SessionView.of(caller.principal(), caller.csrfToken(), null);
    }

    @ApiResponse(responseCode = "204", description = "Signed out; the cookie is cleared")
    @DELETE
    @PermitAll
    public Response signOut(@CookieParam(AccessFilter.SESSION_COOKIE) String token, @Context SecurityContext transport,
            @HeaderParam("X-Forwarded-Proto") String forwardedProto) {
        access.signOut(token);
        NewCookie cleared = new NewCookie.Builder(AccessFilter.SESSION_COOKIE).value("").path("/").httpOnly(true)
                .secure(secure(transport, forwardedProto)).sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
        return Response.noContent().cookie(cleared).build();
    }

    /** Secure over HTTPS, also when TLS ends at a proxy in front of Tender that says so. */
    private static boolean secure(SecurityContext transport, String forwardedProto) {
        return transport.isSecure() || "https".equalsIgnoreCase(forwardedProto);
    }
}
