package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.tender.api.PaymentService;
import io.tender.api.provider.WebhookRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code POST /api/webhooks/{connectionId}}: provider notifications. The body is taken as raw
 * bytes, since signatures are computed over exactly what was sent.
 */
// One instance, not one per request as the other resources (PROTOTYPE): it holds no state, and it
// is on a hot path, as PaymentResource is (docs/PERFORMANCE.md, change 11).
@Component(service = WebhookResource.class, scope = ServiceScope.SINGLETON)
@JakartarsResource
@JakartarsName("tender.webhooks")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
@Path("webhooks")
public final class WebhookResource {

    private final PaymentService payments;

    @Activate
    public WebhookResource(@Reference PaymentService payments) {
        this.payments = payments;
    }

    @ApiResponse(responseCode = "200", description = "Accepted (also for a duplicate, applied once)")
    @ApiResponse(responseCode = "400", description = "Signature or body refused",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @POST
    @PermitAll
    @Path("{connectionId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@PathParam("connectionId") String connectionId, byte[] body, @Context HttpHeaders headers) {
        payments.acceptWebhook(connectionId, new WebhookRequest(body == null ? new byte[0] : body, headers.getRequestHeaders()));
        return Response.ok(java.util.Map.of("received", true)).build();
    }
}
