package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.access.AccessService;
import io.tender.api.access.AdminUser;
import io.tender.api.access.ApiKey;
import io.tender.api.access.Role;
import io.tender.api.audit.AuditLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /api/users} and {@code /api/api-keys}: who may use Tender. Owners only. */
@Component(service = AccessResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.users")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("OWNER")
public final class AccessResource {

    private final AccessService access;
    private final AuditLog audit;

    @Activate
    public AccessResource(@Reference AccessService access, @Reference AuditLog audit) {
        this.access = access;
        this.audit = audit;
    }

    /** A new user: the role OWNER, LOCATION_ADMIN or VIEWER, and the locations of the latter two. */
    public record NewUser(String email, String password, String role, Set<String> locations) {
    }

    /** A new API key: LOCATION_ADMIN or VIEWER, for some locations. */
    public record NewApiKey(String name, String role, Set<String> locations) {
    }

    public record UserView(String id, String email, String role, List<String> locations, String createdAt) {
        static UserView of(AdminUser u) {
            return new UserView(u.id(), u.email(), u.role().name(), u.locations().stream().sorted().toList(), Views.text(u.createdAt()));
        }
    }

    /** An API key; {@code secret} only in the answer that created it. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ApiKeyView(String id, String name, String role, List<String> locations, String secret, String createdAt) {
        static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(k.id(), k.name(), k.role().name(), k.locations().stream().sorted().toList(), k.secret(),
                    Views.text(k.createdAt()));
        }

        ApiKeyView withoutSecret() {
            return new ApiKeyView(id, name, role, locations, null, createdAt);
        }
    }

    @GET
    @Path("users")
    public List<UserView> users() {
        return access.users().stream().map(UserView::of).toList();
    }

    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid input; the problem names the field",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "A user with this email exists",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("users")
    public Response createUser(NewUser body, @HeaderParam(PaymentResource.IDEMPOTENCY_KEY) String idempotencyKey,
            @Context SecurityContext caller) {
        Bodies.required(body);
        // A retried request returns the user made the first time: no second entry in the audit log.
        var known = access.users().stream().map(AdminUser::id).collect(java.util.stream.Collectors.toSet());
        AdminUser user = access.createUser(body.email(), body.password(), Bodies.choice("role", body.role(), Role.class),
                body.locations(), idempotencyKey);
        if (!known.contains(user.id())) {
            Audits.record(audit, caller, "user.create", null, user.id(), null, UserView.of(user));
        }
        return Response.status(Response.Status.CREATED).entity(UserView.of(user)).build();
    }

    @GET
    @Path("api-keys")
    public List<ApiKeyView> apiKeys() {
        return access.apiKeys().stream().map(ApiKeyView::of).toList();
    }

    @ApiResponse(responseCode = "201", description = "Created; the secret is shown this once",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiKeyView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid input; the problem names the field",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("api-keys")
    public Response createApiKey(NewApiKey body, @HeaderParam(PaymentResource.IDEMPOTENCY_KEY) String idempotencyKey,
            @Context SecurityContext caller) {
        Bodies.required(body);
        var known = access.apiKeys().stream().map(ApiKey::id).collect(java.util.stream.Collectors.toSet());
        ApiKey key = access.createApiKey(body.name(), Bodies.choice("role", body.role(), Role.class), body.locations(),
                idempotencyKey);
        if (!known.contains(key.id())) {
            Audits.record(audit, caller, "api-key.create", null, key.id(), null, ApiKeyView.of(key).withoutSecret());
        }
        return Response.status(Response.Status.CREATED).entity(ApiKeyView.of(key)).build();
    }

    @ApiResponse(responseCode = "204", description = "Revoked")
    @DELETE
    @Path("api-keys/{id}")
    public Response revokeApiKey(@PathParam("id") String id, @Context SecurityContext caller) {
        access.revokeApiKey(id);
        Audits.record(audit, caller, "api-key.revoke", null, id, null, null);
        return Response.noContent().build();
    }
}
