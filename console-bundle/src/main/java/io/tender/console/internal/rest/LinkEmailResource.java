package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.TenderException;
import io.tender.api.link.LinkMessages;
import io.tender.api.link.PaymentLink;
import io.tender.api.link.PaymentLinkService;
import io.tender.api.mail.MailService;
import io.tender.api.mail.OutgoingMail;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Emails a payment link to the client. A resource of its own, so that the rest of the links API
 * stays up when no mail implementation is installed.
 */
@Component(service = LinkEmailResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.link-email")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
// The same root path as LinkResource: Jersey would let a longer root shadow its sub-paths.
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("links")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class LinkEmailResource {

    /** Where to email a link: the client's address. */
    public record EmailBody(String to) {
    }

    private final PaymentLinkService links;
    private final MailService mail;

    @Activate
    public LinkEmailResource(@Reference PaymentLinkService links, @Reference MailService mail) {
        this.links = links;
        this.mail = mail;
    }

    /**
     * Emails the link to the client through the location's SMTP server. The message leaves through
     * the outbox: 202 Accepted means queued; a repeated {@code Idempotency-Key} queues nothing more.
     */
    @ApiResponse(responseCode = "202", description = "Queued in the location's outbox",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LocationMailResource.MailView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid input; the problem names the field",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("{token}/email")
    public Response emailLink(@PathParam("token") String token, EmailBody body,
            @HeaderParam(PaymentResource.IDEMPOTENCY_KEY) String idempotencyKey, @Context SecurityContext caller) {
        Bodies.required(body);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw TenderException.invalid("Idempotency-Key", "must be 1 to 255 characters");
        }
        PaymentLink link = links.find(token).orElseThrow(() -> TenderException.notFound("token", "no payment link '" + token + "'"));
        Caller.of(caller).requireWrite(link.locationId());
        if (!link.payableAt(Instant.now())) {
            throw TenderException.conflict("token", "this link is " + link.status().name().toLowerCase()
                    + " and cannot be paid; it is not sent");
        }
        LinkMessages texts = links.messages(token);
        String key = "link:" + token + ":" + (idempotencyKey != null ? idempotencyKey : UUID.randomUUID());
        try {
            OutgoingMail queued = mail.queue(link.locationId(), key, body.to(), texts.emailSubject(), texts.emailBody());
            return Response.accepted(LocationMailResource.MailView.of(queued)).build();
        } catch (TenderException e) {
            // The outbox names its own argument; the client sent it as "to".
            throw "recipient".equals(e.field()) ? TenderException.invalid("to", e.getMessage()) : e;
        }
    }
}
