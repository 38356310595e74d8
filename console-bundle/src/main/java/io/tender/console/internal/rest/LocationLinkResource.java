package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.Money;
import io.tender.api.TenderException;
import io.tender.api.audit.AuditLog;
import io.tender.api.link.LinkItem;
import io.tender.api.link.LinkSettings;
import io.tender.api.link.NewPaymentLink;
import io.tender.api.link.PaymentLink;
import io.tender.api.link.PaymentLinkService;
import io.tender.console.internal.rest.LinkResource.LinkBody;
import io.tender.console.internal.rest.LinkResource.LinkView;
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
 * A location's payment links: create and list, and the link settings (default expiry, message
 * templates). Same root path as LocationResource, merged by Jersey.
 */
@Component(service = LocationLinkResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.location-links")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("locations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class LocationLinkResource {

    /** Link defaults: expiry in hours and the message templates; a field left out keeps its current value. */
    public record LinkSettingsBody(Integer expiryHours, String sms, String emailSubject, String emailBody, String messenger) {
        static LinkSettingsBody of(LinkSettings s) {
            return new LinkSettingsBody(s.expiryHours(), s.sms(), s.emailSubject(), s.emailBody(), s.messenger());
        }
    }

    private final PaymentLinkService links;
    private final AuditLog audit;

    @Activate
    public LocationLinkResource(@Reference PaymentLinkService links, @Reference AuditLog audit) {
        this.links = links;
        this.audit = audit;
    }

    @ApiResponse(responseCode = "201", description = "The open link; its url is what the client opens",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LinkView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid input; the problem names the field",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The thing exists, or a request with this Idempotency-Key is still running",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for a request with other parameters",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "No such location (or provider, booking)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("{locationId}/links")
    public Response createLink(@PathParam("locationId") String locationId, LinkBody body,
            @HeaderParam(PaymentResource.IDEMPOTENCY_KEY) String idempotencyKey, @Context UriInfo uri) {
        Bodies.required(body);
        List<LinkItem> items = body.items() == null ? List.of() : body.items().stream().map(i -> {
            if (i == null || i.quantity() == null || i.unitPrice() == null) {
                throw TenderException.invalid("items", "every item needs a name, a quantity and a unitPrice");
            }
            return new LinkItem(i.name(), i.quantity(), Bodies.money(i.unitPrice(), body.currency(), "unitPrice"));
        }).toList();
        Money amount = Bodies.money(body.amount(), body.currency(), "amount");
        if (body.expiresInHours() != null && (body.expiresInHours() < 1 || body.expiresInHours() > 2160)) {
            throw TenderException.invalid("expiresInHours", "must be 1 to 2160 hours");
        }
        Duration expiresIn = body.expiresInHours() == null ? null : Duration.ofHours(body.expiresInHours());
        PaymentLink link = links.create(new NewPaymentLink(locationId, body.purpose(), body.reference(), items, amount, expiresIn),
                idempotencyKey);
        return Response.created(uri.getBaseUri().resolve("links/" + link.token()))
                .entity(LinkView.of(link)).build();
    }

    @GET
    @Path("{locationId}/links")
    public List<LinkView> links(@PathParam("locationId") String locationId) {
        return links.links(locationId).stream().map(l -> LinkView.of(l)).toList();
    }

    /** The link settings, with their version as the ETag for a later {@code If-Match}. */
    @GET
    @Path("{locationId}/link-settings")
    @ApiResponse(responseCode = "200", description = "The settings", headers = @Header(name = "ETag",
            description = "Their version, for If-Match", schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LinkSettingsBody.class)))
    public Response linkSettings(@PathParam("locationId") String locationId) {
        LinkSettings settings = links.settings(locationId);
        return Response.ok(LinkSettingsBody.of(settings)).tag(Versions.tag(settings.version())).build();
    }

    /** Saves link settings; fields left out keep their values. With a stale {@code If-Match}: 412, nothing changes. */
    @PUT
    @Path("{locationId}/link-settings")
    @ApiResponse(responseCode = "200", description = "Saved", headers = @Header(name = "ETag",
            description = "Their new version", schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LinkSettingsBody.class)))
    @ApiResponse(responseCode = "412", description = "Saved by someone else since the If-Match version; nothing changed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response configureLinkSettings(@PathParam("locationId") String locationId, LinkSettingsBody body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context SecurityContext caller) {
        Bodies.required(body);
        Long expected = Versions.expected(ifMatch);
        LinkSettings current = links.settings(locationId);
        LinkSettings saved = links.configure(locationId, new LinkSettings(
                body.expiryHours() == null ? current.expiryHours() : body.expiryHours(),
                body.sms() == null ? current.sms() : body.sms(),
                body.emailSubject() == null ? current.emailSubject() : body.emailSubject(),
                body.emailBody() == null ? current.emailBody() : body.emailBody(),
                body.messenger() == null ? current.messenger() : body.messenger()),
                // Without If-Match, the fields left out were filled from the version just read: save only over that one.
                expected != null ? expected : current.version());
        Audits.record(audit, caller, "link-settings.configure", locationId, locationId, LinkSettingsBody.of(current),
                LinkSettingsBody.of(saved));
        return Response.ok(LinkSettingsBody.of(saved)).tag(Versions.tag(saved.version())).build();
    }
}
