package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.TenderException;
import io.tender.api.audit.AuditLog;
import io.tender.api.mail.MailService;
import io.tender.api.mail.MailSettings;
import io.tender.api.mail.OutgoingMail;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** A location's email: its SMTP settings (the password write-only) and its outbox. */
@Component(service = LocationMailResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.location-mail")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
// The same root path as LocationResource: Jersey would let a longer root shadow its sub-paths.
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("locations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class LocationMailResource {

    /** SMTP settings; security NONE, STARTTLS or TLS. The password is never returned, only masked. */
    public record MailBody(String host, Integer port, String security, String username, String password,
            String fromAddress, String fromName) {
        static MailBody of(MailSettings s) {
            return new MailBody(s.host(), s.port(), s.security().name(), s.username(), s.password(), s.fromAddress(),
                    s.fromName());
        }
    }

    public record MailView(String id, String recipient, String subject, String status, int attempts, String lastError,
            String createdAt, String sentAt) {
        static MailView of(OutgoingMail m) {
            return new MailView(m.id(), m.recipient(), m.subject(), m.status().name(), m.attempts(), m.lastError(),
                    Views.text(m.createdAt()), Views.text(m.sentAt()));
        }
    }

    private final MailService mail;
    private final AuditLog audit;

    @Activate
    public LocationMailResource(@Reference MailService mail, @Reference AuditLog audit) {
        this.mail = mail;
        this.audit = audit;
    }

    /** Saves the SMTP settings. With a stale {@code If-Match}: 412, nothing changes. */
    @PUT
    @Path("{locationId}/mail")
    @ApiResponse(responseCode = "200", description = "Saved; the password masked", headers = @Header(name = "ETag",
            description = "Their new version", schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MailBody.class)))
    @ApiResponse(responseCode = "412", description = "Saved by someone else since the If-Match version; nothing changed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response configureMail(@PathParam("locationId") String locationId, MailBody body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context SecurityContext caller) {
        Bodies.required(body);
        if (body.port() == null) {
            throw TenderException.invalid("port", "is required");
        }
        MailBody before = mail.settings(locationId).map(MailBody::of).orElse(null);
        MailSettings saved = mail.configure(locationId, new MailSettings(body.host(), body.port(),
                Bodies.choice("security", body.security(), MailSettings.Security.class), body.username(), body.password(),
                body.fromAddress(), body.fromName()), Versions.expected(ifMatch));
        Audits.record(audit, caller, "mail.configure", locationId, locationId, before, MailBody.of(saved));
        return Response.ok(MailBody.of(saved)).tag(Versions.tag(saved.version())).build();
    }

    /** The SMTP settings, the password masked, with their version as the ETag. */
    @GET
    @Path("{locationId}/mail")
    @ApiResponse(responseCode = "200", description = "The settings", headers = @Header(name = "ETag",
            description = "Their version, for If-Match", schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MailBody.class)))
    public Response mailSettings(@PathParam("locationId") String locationId) {
        MailSettings settings = mail.settings(locationId)
                .orElseThrow(() -> TenderException.notFound("locationId", "location '" + locationId + "' has no email settings"));
        return Response.ok(MailBody.of(settings)).tag(Versions.tag(settings.version())).build();
    }

    @GET
    @Path("{locationId}/mail/outbox")
    public List<MailView> mailOutbox(@PathParam("locationId") String locationId, @QueryParam("limit") @DefaultValue("50") String limit) {
        return mail.outbox(locationId, Bodies.limit(limit, 50, 500)).stream().map(MailView::of).toList();
    }
}
