package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.catalog.BookingCancellations;
import io.tender.api.catalog.CatalogService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Cancels a booking under the location's cancellation policy. A resource of its own: the policy
 * comes from the methods bundle, and the catalogue API stays up while that bundle is updated.
 */
@Component(service = BookingCancellationResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.booking-cancellations")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
// The same root path as LocationResource: Jersey would let a longer root shadow its sub-paths.
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("locations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class BookingCancellationResource {

    /** A cancellation: by the client (the location's policy applies; the default) or by the business (a full refund). */
    public record CancelBody(Boolean byClient) {
    }

    /** What a cancellation did: the booking, what this call refunded, and the rule applied. */
    public record CancellationView(CatalogResource.BookingView booking, long refunded, String currency, String rule) {
    }

    private final BookingCancellations cancellations;
    private final CatalogService catalog;

    @Activate
    public BookingCancellationResource(@Reference BookingCancellations cancellations, @Reference CatalogService catalog) {
        this.cancellations = cancellations;
        this.catalog = catalog;
    }

    @POST
    @Path("{locationId}/bookings/{id}/cancel")
    public CancellationView cancelBooking(@PathParam("locationId") String locationId, @PathParam("id") String id, CancelBody body) {
        boolean byClient = body == null || !Boolean.FALSE.equals(body.byClient());
        BookingCancellations.Cancellation done = cancellations.cancel(locationId, id, byClient);
        return new CancellationView(CatalogResource.BookingView.of(done.booking(), catalog.paid(locationId, id)),
                done.refunded().minorUnits(), done.refunded().currency().getCurrencyCode(), done.rule());
    }
}
