package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.TenderException;
import io.tender.api.link.PaymentLink;
import io.tender.api.link.PaymentLinkService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
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

/** A payment link by its token: read, cancel. The client pays at the link's {@code url}. */
@Component(service = LinkResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.links")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("links")
@Produces(MediaType.APPLICATION_JSON)
public final class LinkResource {

    /** One line; amounts in minor units of the link's currency. */
    public record LinkItemBody(@Schema(example = "Massage oil") String name, @Schema(example = "2") Integer quantity,
            @Schema(description = "minor units", example = "2250") Long unitPrice) {
    }

    /** A new link: {@code amount} only for a deposit or a custom amount. */
    public record LinkBody(@Schema(description = "goods, or visit (reference: the booking)", example = "goods") String purpose,
            @Schema(example = "order-77") String reference, List<LinkItemBody> items, @Schema(example = "EUR") String currency,
            @Schema(description = "minor units, for a deposit or a custom amount; none for the total", example = "3000")
            Long amount, @Schema(description = "the location's default (72) if none", example = "48") Integer expiresInHours) {
    }

    public record LinkItemView(String name, int quantity, long unitPrice) {
    }

    public record LinkView(String token, String url, String locationId, String purpose, String reference,
            List<LinkItemView> items, long amount, String currency, String status, String expiresAt, String paymentId,
            String createdAt) {
        static LinkView of(PaymentLink l) {
            return new LinkView(l.token(), l.url().toString(), l.locationId(), l.purpose(),
                    l.reference(), l.items().stream().map(i -> new LinkItemView(i.name(), i.quantity(), i.unitPrice().minorUnits()))
                            .toList(), l.amount().minorUnits(), l.amount().currency().getCurrencyCode(), l.status().name(),
                    Views.text(l.expiresAt()), l.paymentId(), Views.text(l.createdAt()));
        }
    }

    private final PaymentLinkService links;

    @Activate
    public LinkResource(@Reference PaymentLinkService links) {
        this.links = links;
    }

    /** @return the link, if the caller may see its location */
    private PaymentLink readable(String token, SecurityContext caller) {
        PaymentLink link = links.find(token).orElseThrow(() -> TenderException.notFound("token", "no payment link '" + token + "'"));
        Caller.of(caller).requireRead(link.locationId());
        return link;
    }

    /** Texts to send the link by SMS, email or messenger, and the address to copy. */
    @GET
    @Path("{token}/messages")
    public io.tender.api.link.LinkMessages messages(@PathParam("token") String token, @Context SecurityContext caller) {
        readable(token, caller);
        return links.messages(token);
    }

    /** The link's address as a QR code, to show on a screen or print. */
    @ApiResponse(responseCode = "200", description = "The link's address as a QR code",
            content = @Content(mediaType = "image/svg+xml", schema = @Schema(implementation = String.class)))
    @GET
    @Path("{token}/qr.svg")
    @Produces("image/svg+xml")
    public String qr(@PathParam("token") String token, @Context SecurityContext caller) {
        return QrCodes.svg(readable(token, caller).url().toString());
    }

    @GET
    @Path("{token}")
    public LinkView link(@PathParam("token") String token, @Context SecurityContext caller) {
        return LinkView.of(readable(token, caller));
    }

    @POST
    @Path("{token}/cancel")
    public LinkView cancelLink(@PathParam("token") String token, @Context SecurityContext caller) {
        Caller.of(caller).requireWrite(readable(token, caller).locationId());
        return LinkView.of(links.cancel(token));
    }
}
