package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.TenderException;
import io.tender.api.sales.Membership;
import io.tender.api.sales.MembershipVisit;
import io.tender.api.sales.SalesService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

/** Memberships by code: read, use a visit (idempotent per key), the visits used. */
@Component(service = MembershipResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.memberships")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("memberships")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class MembershipResource {

    /** Visits of a membership: {@code serviceId} null for pooled visits. */
    public record AllowanceView(String serviceId, int total, int remaining) {
    }

    public record MembershipView(String code, String locationId, String itemId, List<AllowanceView> visits,
            List<String> services, List<String> locations, int validityDays, String validFrom, String startsAt,
            String validUntil, String paymentId, String issuedAt) {
        static MembershipView of(Membership m) {
            return new MembershipView(m.code(), m.locationId(), m.itemId(), m.allowances().stream()
                    .map(a -> new AllowanceView(a.serviceId(), a.total(), a.remaining())).toList(), m.services(),
                    m.locations(), m.validityDays(), m.validFrom().name(), Views.text(m.startsAt()),
                    Views.text(m.validUntil()), m.paymentId(), Views.text(m.issuedAt()));
        }
    }

    public record VisitBody(String locationId, String serviceId) {
    }

    public record VisitView(long sequence, String locationId, String serviceId, int remaining, String at) {
        static VisitView of(MembershipVisit v) {
            return new VisitView(v.sequence(), v.locationId(), v.serviceId(), v.remaining(), Views.text(v.at()));
        }
    }

    private final SalesService sales;

    @Activate
    public MembershipResource(@Reference SalesService sales) {
        this.sales = sales;
    }

    @GET
    @Path("{code}")
    public MembershipView membership(@PathParam("code") String code, @Context SecurityContext caller) {
        return MembershipView.of(readable(code, caller));
    }

    /** @return the membership, if the caller may see the location that sold it or one where it is valid */
    private Membership readable(String code, SecurityContext caller) {
        Membership membership = sales.membership(code)
                .orElseThrow(() -> TenderException.notFound("code", "no membership with this code"));
        Caller.of(caller).requireReadAny(membership.locationId(), membership.locations());
        return membership;
    }

    /** Uses one visit: at a location the membership is valid at, for a service it covers. */
    @POST
    @Path("{code}/visits")
    public MembershipView useVisit(@PathParam("code") String code, VisitBody body,
            @HeaderParam(PaymentResource.IDEMPOTENCY_KEY) String idempotencyKey, @Context SecurityContext caller) {
        Bodies.required(body);
        if (body.locationId() == null) {
            throw TenderException.invalid("locationId", "is required: where the visit is");
        }
        Caller.of(caller).requireWrite(body.locationId());
        return MembershipView.of(sales.useVisit(code, body.locationId(), body.serviceId(), idempotencyKey));
    }

    @GET
    @Path("{code}/visits")
    public List<VisitView> visits(@PathParam("code") String code, @Context SecurityContext caller) {
        readable(code, caller);
        return sales.visits(code).stream().map(VisitView::of).toList();
    }
}
