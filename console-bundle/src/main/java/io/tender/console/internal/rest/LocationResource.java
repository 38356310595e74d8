package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.ConnectionHealth;
import io.tender.api.Location;
import io.tender.api.MethodSetting;
import io.tender.api.PlatformInventory;
import io.tender.api.SettingsService;
import io.tender.api.TenderException;
import io.tender.api.audit.AuditLog;
import io.tender.console.internal.rest.Bodies.MethodSettingBody;
import io.tender.console.internal.rest.Bodies.NewConnection;
import io.tender.console.internal.rest.Bodies.NewLocation;
import io.tender.console.internal.rest.Views.ConnectionView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.ZoneId;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** Locations, their provider connections and method settings. */
@Component(service = LocationResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.locations")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("locations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class LocationResource {

    private final SettingsService settings;
    private final PlatformInventory inventory;
    private final AuditLog audit;

    @Activate
    public LocationResource(@Reference SettingsService settings, @Reference PlatformInventory inventory, @Reference AuditLog audit) {
        this.settings = settings;
        this.inventory = inventory;
        this.audit = audit;
    }

    /** A location as the API shows it: the time zone as its id, e.g. {@code Europe/Berlin}. */
    public record LocationView(String id, String name, String timeZone) {
        static LocationView of(Location l) {
            return new LocationView(l.id(), l.name(), l.timeZone().getId());
        }
    }

    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LocationView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid input; the problem names the field",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The thing exists, or a request with this Idempotency-Key is still running",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for a request with other parameters",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @POST
    @RolesAllowed("OWNER")
    public Response createLocation(NewLocation body, @HeaderParam(PaymentResource.IDEMPOTENCY_KEY) String idempotencyKey,
            @Context UriInfo uri, @Context SecurityContext caller) {
        Bodies.required(body);
        boolean existed = body.id() != null && settings.location(body.id()).isPresent();
        Location location = settings.createLocation(new Location(body.id(), body.name(), Bodies.zone(body.timeZone())),
                idempotencyKey);
        if (!existed) {
            Audits.record(audit, caller, "location.create", location.id(), location.id(), null, LocationView.of(location));
        }
        return Response.created(uri.getAbsolutePathBuilder().path(location.id()).build()).entity(LocationView.of(location))
                .build();
    }

    /** Renames a location or changes its time zone. With a stale {@code If-Match}: 412, nothing changes. */
    @PUT
    @Path("{locationId}")
    @ApiResponse(responseCode = "200", description = "Saved", headers = @Header(name = "ETag",
            description = "Its new version", schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LocationView.class)))
    @ApiResponse(responseCode = "412", description = "Saved by someone else since the If-Match version; nothing changed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response updateLocation(@PathParam("locationId") String id, NewLocation body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context SecurityContext caller) {
        Bodies.required(body);
        if (body.id() != null && !body.id().equals(id)) {
            throw TenderException.invalid("id", "differs from the location in the path");
        }
        Long expected = Versions.expected(ifMatch);
        Location current = settings.location(id).orElseThrow(() -> TenderException.notFound("id", "no location '" + id + "'"));
        // A time zone left out keeps the location's own; then the save is only over the version it was read from.
        ZoneId zone = body.timeZone() != null ? Bodies.zone(body.timeZone()) : current.timeZone();
        Location saved = settings.updateLocation(new Location(id, body.name(), zone),
                expected != null ? expected : body.timeZone() == null ? Long.valueOf(current.version()) : null);
        Audits.record(audit, caller, "location.update", id, id, LocationView.of(current), LocationView.of(saved));
        return Response.ok(LocationView.of(saved)).tag(Versions.tag(saved.version())).build();
    }

    /** The locations the caller may see. */
    @GET
    public List<LocationView> locations(@Context SecurityContext caller) {
        var who = Caller.of(caller).principal();
        return settings.locations().stream().filter(l -> who.canRead(l.id())).map(LocationView::of).toList();
    }

    @GET
    @Path("{locationId}")
    @ApiResponse(responseCode = "200", description = "The location", headers = @Header(name = "ETag",
            description = "Its version, for If-Match", schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LocationView.class)))
    public Response location(@PathParam("locationId") String id) {
        Location location = settings.location(id).orElseThrow(() -> TenderException.notFound("id", "no location '" + id + "'"));
        return Response.ok(LocationView.of(location)).tag(Versions.tag(location.version())).build();
    }

    @ApiResponse(responseCode = "201", description = "Connected: the credentials were checked with the provider",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ConnectionView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid input; the problem names the field",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The thing exists, or a request with this Idempotency-Key is still running",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for a request with other parameters",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "No such location (or provider, booking)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("{locationId}/connections")
    public Response connect(@PathParam("locationId") String id, NewConnection body,
            @HeaderParam(PaymentResource.IDEMPOTENCY_KEY) String idempotencyKey, @Context UriInfo uri,
            @Context SecurityContext caller) {
        Bodies.required(body);
        // A retried request returns the connection made the first time: that is no new change to record.
        var known = settings.connections(id).stream().map(c -> c.id()).collect(java.util.stream.Collectors.toSet());
        ConnectionView view = ConnectionView.of(settings.connect(id, body.providerId(), body.name(), body.settings(),
                idempotencyKey));
        if (!known.contains(view.id())) {
            Audits.record(audit, caller, "connection.create", id, view.id(), null, view);
        }
        return Response.created(uri.getAbsolutePathBuilder().path(view.id()).build()).entity(view).build();
    }

    @GET
    @Path("{locationId}/connections")
    public List<ConnectionView> connections(@PathParam("locationId") String id) {
        return settings.connections(id).stream().map(ConnectionView::of).toList();
    }

    @GET
    @Path("{locationId}/connections/{connectionId}")
    public ConnectionView connection(@PathParam("locationId") String id, @PathParam("connectionId") String connectionId) {
        return settings.connection(connectionId).filter(c -> c.locationId().equals(id)).map(ConnectionView::of)
                .orElseThrow(() -> TenderException.notFound("connectionId", "no connection '" + connectionId + "' at '" + id + "'"));
    }

    /** How calls to a connection went lately on this node: its last 100 calls, last success and last failure. */
    public record ConnectionHealthView(String connectionId, int recentCalls, int recentFailures, int errorPercent, int inFlight,
            String lastSuccessAt, String lastFailureAt, String lastFailure) {
        static ConnectionHealthView of(ConnectionHealth h) {
            return new ConnectionHealthView(h.connectionId(), h.recentCalls(), h.recentFailures(), h.errorPercent(), h.inFlight(),
                    Views.text(h.lastSuccessAt()), Views.text(h.lastFailureAt()), h.lastFailure());
        }
    }

    @GET
    @Path("{locationId}/connections/{connectionId}/health")
    public ConnectionHealthView connectionHealth(@PathParam("locationId") String id, @PathParam("connectionId") String connectionId) {
        connection(id, connectionId); // 404 unless it is this location's
        return ConnectionHealthView.of(inventory.connectionHealth(connectionId));
    }

    @GET
    @Path("{locationId}/methods")
    public List<MethodSetting> methodSettings(@PathParam("locationId") String id) {
        return settings.methodSettings(id);
    }

    /** One method's setting, with its version as the ETag for a later {@code If-Match}. */
    @ApiResponse(responseCode = "200", description = "The setting", headers = @Header(name = "ETag", description = "The setting's version, for If-Match",
            schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MethodSetting.class)))
    @GET
    @Path("{locationId}/methods/{methodId}")
    public Response methodSetting(@PathParam("locationId") String id, @PathParam("methodId") String methodId) {
        MethodSetting setting = settings.methodSettings(id).stream().filter(s -> s.methodId().equals(methodId)).findFirst()
                .orElseThrow(() -> TenderException.notFound("methodId", "no payment method '" + methodId + "' is installed"));
        return Response.ok(setting).tag(Versions.tag(setting.version())).build();
    }

    /**
     * Saves a method's setting. With {@code If-Match} (the ETag read before, or {@code *}), a setting
     * another admin saved meanwhile is not overwritten: the answer is 412 and nothing changes.
     */
    @ApiResponse(responseCode = "200", description = "Saved", headers = @Header(name = "ETag", description = "The setting's version, for If-Match",
            schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MethodSetting.class)))
    @ApiResponse(responseCode = "400", description = "Invalid input; the problem names the field",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "412", description = "Saved by someone else since the If-Match version; nothing changed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @PUT
    @Path("{locationId}/methods/{methodId}")
    public Response configureMethod(@PathParam("locationId") String id, @PathParam("methodId") String methodId, MethodSettingBody body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context SecurityContext caller) {
        Bodies.required(body);
        if (body.enabled() == null) {
            throw TenderException.invalid("enabled", "is required");
        }
        MethodSetting before = settings.methodSettings(id).stream().filter(s -> s.methodId().equals(methodId)).findFirst()
                .orElse(null);
        MethodSetting saved = settings.configureMethod(new MethodSetting(id, methodId, body.enabled(), body.connectionId(),
                body.options()), Versions.expected(ifMatch));
        Audits.record(audit, caller, "method.configure", id, methodId, before, saved);
        return Response.ok(saved).tag(Versions.tag(saved.version())).build();
    }
}
