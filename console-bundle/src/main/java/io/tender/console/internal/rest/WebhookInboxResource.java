package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.TenderException;
import io.tender.api.audit.AuditLog;
import io.tender.api.webhook.InboxedWebhook;
import io.tender.api.webhook.WebhookInbox;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /api/ops/webhooks}: the stored provider events, for owners; the dead letters among them
 * ({@code ?state=DEAD}) can be sent through again.
 */
@Component(service = WebhookInboxResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.webhook-inbox")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("ops/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("OWNER")
public final class WebhookInboxResource {

    private final WebhookInbox inbox;
    private final AuditLog audit;

    @Activate
    public WebhookInboxResource(@Reference WebhookInbox inbox, @Reference AuditLog audit) {
        this.inbox = inbox;
        this.audit = audit;
    }

    /** An inboxed event as the API shows it (times as ISO-8601 text). */
    public record WebhookEventView(String id, String connectionId, String eventId, String description, InboxedWebhook.State state,
            int attempts, String receivedAt, String nextAttemptAt, String paymentId, String lastError) {
        static WebhookEventView of(InboxedWebhook w) {
            return new WebhookEventView(w.id(), w.connectionId(), w.eventId(), w.description(), w.state(), w.attempts(),
                    Views.text(w.receivedAt()), w.state() == InboxedWebhook.State.RECEIVED ? Views.text(w.nextAttemptAt()) : null,
                    w.paymentId(), w.lastError());
        }
    }

    @GET
    public List<WebhookEventView> webhookEvents(
            @Parameter(description = "RECEIVED, PROCESSING, PROCESSED, UNMATCHED or DEAD") @QueryParam("state") String state,
            @Parameter(description = "the id of the last event of the previous page") @QueryParam("before") String before,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return inbox.events(state(state), before, limit).stream().map(WebhookEventView::of).toList();
    }

    @POST
    @Path("{id}/retry")
    public WebhookEventView retryWebhookEvent(@PathParam("id") String id, @Context SecurityContext caller) {
        WebhookEventView after = WebhookEventView.of(inbox.retry(id));
        Audits.record(audit, caller, "webhook.retry", null, id, null, after);
        return after;
    }

    private static InboxedWebhook.State state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return InboxedWebhook.State.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TenderException.invalid("state", "must be RECEIVED, PROCESSING, PROCESSED, UNMATCHED or DEAD");
        }
    }
}
