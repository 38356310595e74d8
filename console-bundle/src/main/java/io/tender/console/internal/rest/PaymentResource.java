package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentPage;
import io.tender.api.PaymentQuery;
import io.tender.api.PaymentRequest;
import io.tender.api.PaymentService;
import io.tender.api.PaymentStatus;
import io.tender.api.TenderException;
import io.tender.console.internal.rest.Bodies.NewPayment;
import io.tender.console.internal.rest.Bodies.NewRefund;
import io.tender.console.internal.rest.Views.EventView;
import io.tender.console.internal.rest.Views.PaymentView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** Payments: create, read with history, refund, cancel, refresh from the provider. */
// One instance, not one per request as the other resources (PROTOTYPE): it holds no state, and on
// the hot paths making and disposing of a component instance per request cost 4.9 % of payment
// creation's CPU (docs/PERFORMANCE.md, change 11).
@Component(service = PaymentResource.class, scope = ServiceScope.SINGLETON)
@JakartarsResource
@JakartarsName("tender.payments")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("payments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class PaymentResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final PaymentService payments;

    @Activate
    public PaymentResource(@Reference PaymentService payments) {
        this.payments = payments;
    }

    @ApiResponse(responseCode = "201", description = "The payment, with its checkoutUrl while open",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid input; the problem names the field",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The thing exists, or a request with this Idempotency-Key is still running",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for a request with other parameters",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "No such location (or provider, booking)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @POST
    public Response createPayment(NewPayment body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, @Context UriInfo uri,
            @Context SecurityContext caller) {
        Bodies.required(body);
        if (body.locationId() == null) {
            throw TenderException.invalid("locationId", "is required");
        }
        Caller.of(caller).requireWrite(body.locationId());
        Money amount = Bodies.money(body.amount(), body.currency(), "amount");
        Payment payment = payments.create(new PaymentRequest(body.locationId(), body.methodId(), amount, body.purpose(),
                body.reference(), body.description(), body.customerEmail(), body.returnUrl(), idempotencyKey));
        return Response.created(uri.getAbsolutePathBuilder().path(payment.id()).build()).entity(PaymentView.of(payment)).build();
    }

    /** A page of payments, newest first; pass {@code nextCursor} as {@code cursor} for the next one. */
    public record PageView(List<PaymentView> payments, String nextCursor) {
    }

    /** Lists payments by location, method, status, creation time ({@code from} inclusive, {@code to} exclusive) and client email. */
    @GET
    public PageView searchPayments(@QueryParam("locationId") String locationId, @QueryParam("methodId") String methodId,
            @Parameter(schema = @Schema(implementation = PaymentStatus.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryParam("from") String from,
            @Parameter(schema = @Schema(type = "string", format = "date-time")) @QueryParam("to") String to,
            @Parameter(description = "part of the client's email") @QueryParam("client") String client,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit, @Context SecurityContext caller) {
        int count = Bodies.limit(limit, 50, 200);
        locationId = scoped(Caller.of(caller), locationId);
        PaymentPage page = payments.search(new PaymentQuery(locationId, methodId,
                Bodies.choice("status", status, PaymentStatus.class), instant("from", from), instant("to", to), client, cursor, count));
        return new PageView(page.payments().stream().map(PaymentView::of).toList(), page.nextCursor());
    }

    private static Instant instant(String field, String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw TenderException.invalid(field, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }

    /**
     * A caller scoped to locations searches only them: the one they name, or their only one. An
     * owner searches every location unless they name one.
     */
    private static String scoped(Caller caller, String locationId) {
        if (locationId != null) {
            caller.requireRead(locationId);
            return locationId;
        }
        if (caller.isOwner()) {
            return null;
        }
        if (caller.principal().locations().size() != 1) {
            throw TenderException.invalid("locationId", "name one of your locations: " + caller.principal().locations());
        }
        return caller.principal().locations().iterator().next();
    }

    /** @return the payment, if the caller may see it; another location's payment is forbidden, not hidden */
    private Payment readable(String id, SecurityContext caller) {
        Payment payment = payments.find(id).orElseThrow(() -> TenderException.notFound("id", "no payment '" + id + "'"));
        Caller.of(caller).requireRead(payment.locationId());
        return payment;
    }

    private void changeable(String id, SecurityContext caller) {
        Caller.of(caller).requireWrite(readable(id, caller).locationId());
    }

    /**
     * The location's payments that reconciliation could not bring to an outcome (still open at
     * their provider after checks over a day, or whose provider could not be asked), oldest first;
     * each one's events say why.
     */
    @GET
    @Path("attention")
    public List<PaymentView> paymentsNeedingAttention(@QueryParam("locationId") String locationId,
            @QueryParam("limit") @DefaultValue("100") int limit, @Context SecurityContext caller) {
        if (locationId == null || locationId.isBlank()) {
            throw TenderException.invalid("locationId", "name the location");
        }
        Caller.of(caller).requireRead(locationId);
        return payments.needingAttention(locationId, limit).stream().map(PaymentView::of).toList();
    }

    @GET
    @Path("{id}")
    public PaymentView payment(@PathParam("id") String id, @Context SecurityContext caller) {
        return PaymentView.of(readable(id, caller));
    }

    /** The payment's timeline: every change of status, refund and provider notification, oldest first. */
    @GET
    @Path("{id}/events")
    public List<EventView> events(@PathParam("id") String id, @Context SecurityContext caller) {
        readable(id, caller);
        return payments.history(id).stream().map(EventView::of).toList();
    }

    @POST
    @Path("{id}/refunds")
    public PaymentView refund(@PathParam("id") String id, NewRefund body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @Context SecurityContext caller) {
        changeable(id, caller);
        Money amount = body == null ? null : Bodies.money(body.amount(), body.currency(), "amount");
        return PaymentView.of(payments.refund(id, amount, idempotencyKey));
    }

    @POST
    @Path("{id}/cancel")
    public PaymentView cancelPayment(@PathParam("id") String id, @Context SecurityContext caller) {
        changeable(id, caller);
        return PaymentView.of(payments.cancel(id));
    }

    @POST
    @Path("{id}/refresh")
    public PaymentView refresh(@PathParam("id") String id, @Context SecurityContext caller) {
        changeable(id, caller);
        return PaymentView.of(payments.refresh(id));
    }
}
