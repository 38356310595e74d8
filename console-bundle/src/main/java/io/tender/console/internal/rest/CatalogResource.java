package io.tender.console.internal.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.HeaderParam;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.Money;
import io.tender.api.TenderException;
import io.tender.api.audit.AuditLog;
import io.tender.api.catalog.Booking;
import io.tender.api.catalog.BookingStatus;
import io.tender.api.catalog.CatalogService;
import io.tender.api.catalog.Employee;
import io.tender.api.catalog.Service;
import io.tender.api.sales.SaleItem;
import io.tender.api.sales.SaleItemKind;
import io.tender.api.sales.SalesService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * A location's catalogue as a host booking system pushes it: {@code PUT} creates or replaces by
 * the host's own id, so sending the same data again changes nothing.
 */
@Component(service = CatalogResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.catalog")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
// The same root path as LocationResource: Jersey merges root resources of one path, whereas a
// longer root path ("locations/{locationId}") would shadow LocationResource's sub-paths.
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("locations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class CatalogResource {

    /** A service; {@code maxPrice} only for a price range. Amounts in minor units. */
    public record ServiceBody(String name, String category, Long price, Long maxPrice, String currency) {
    }

    public record ServiceView(String locationId, String id, String name, String category, long price, long maxPrice,
            String currency) {
        static ServiceView of(Service s) {
            return new ServiceView(s.locationId(), s.id(), s.name(), s.category(), s.minPrice().minorUnits(),
                    s.maxPrice().minorUnits(), s.minPrice().currency().getCurrencyCode());
        }
    }

    public record EmployeeBody(String name) {
    }

    public record BookingBody(String serviceId, String employeeId, String clientName, String clientEmail,
            String clientPhone, String startsAt) {
    }

    /** A booking, with what is paid for it (prepayments and link payments, less refunds) in minor units. */
    public record BookingView(String locationId, String id, String serviceId, String employeeId, String clientName,
            String clientEmail, String clientPhone, String startsAt, String status, String holdUntil, String paymentId,
            long paid, String currency) {
        static BookingView of(Booking b, Money paid) {
            return new BookingView(b.locationId(), b.id(), b.serviceId(), b.employeeId(), b.clientName(), b.clientEmail(),
                    b.clientPhone(), Views.text(b.startsAt()), b.status().name(), Views.text(b.holdUntil()), b.paymentId(),
                    paid.minorUnits(), paid.currency().getCurrencyCode());
        }
    }

    private BookingView view(Booking b) {
        return BookingView.of(b, catalog.paid(b.locationId(), b.id()));
    }

    private final CatalogService catalog;
    private final SalesService sales;
    private final AuditLog audit;

    @Activate
    public CatalogResource(@Reference CatalogService catalog, @Reference SalesService sales, @Reference AuditLog audit) {
        this.catalog = catalog;
        this.sales = sales;
        this.audit = audit;
    }

    /**
     * What the location sells online (gift cards and memberships), for its shop. With {@code If-Match}
     * (the ETag read before, or {@code "0"} for an item that must be new), an item another admin saved
     * meanwhile is not overwritten: the answer is 412 and nothing changes.
     */
    @PUT
    @Path("{locationId}/sales/{id}")
    @ApiResponse(responseCode = "200", description = "Saved", headers = @Header(name = "ETag", description = "The item's version, for If-Match",
            schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SalesResource.SaleItemView.class)))
    @ApiResponse(responseCode = "412", description = "Saved by someone else since the If-Match version; nothing changed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response saveSaleItem(@PathParam("locationId") String locationId, @PathParam("id") String id,
            SalesResource.SaleItemBody body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context SecurityContext context) {
        Bodies.required(body);
        if (body.price() == null) {
            throw TenderException.invalid("price", "is required");
        }
        Money price = Bodies.money(body.price(), body.currency(), "price");
        Money maxPrice = Bodies.money(body.maxPrice(), body.currency(), "maxPrice");
        SaleItemKind kind = body.kind() == null ? SaleItemKind.GIFT_CARD : Bodies.choice("kind", body.kind(), SaleItemKind.class);
        // Terms that make an item valid at other locations bind those locations too: the caller must be allowed to change them.
        Caller caller = Caller.of(context);
        if (body.giftCard() != null && body.giftCard().locations() != null) {
            body.giftCard().locations().forEach(caller::requireWrite);
        }
        if (body.membership() != null && body.membership().locations() != null) {
            body.membership().locations().forEach(caller::requireWrite);
        }
        SalesResource.SaleItemView before = sales.items(locationId).stream().filter(i -> i.id().equals(id)).findFirst()
                .map(SalesResource.SaleItemView::of).orElse(null);
        SalesResource.SaleItemView saved = SalesResource.SaleItemView.of(sales.saveItem(new SaleItem(locationId, id, kind,
                body.name(), body.description(), price, maxPrice, !Boolean.FALSE.equals(body.active()),
                body.giftCard() == null ? null : body.giftCard().terms(),
                body.membership() == null ? null : body.membership().terms()), Versions.expected(ifMatch)));
        Audits.record(audit, context, "sale-item.save", locationId, id, before, saved);
        return Response.ok(saved).tag(Versions.tag(sales.itemVersion(locationId, id).orElse(0))).build();
    }

    /** One sale item, with its version as the ETag for a later {@code If-Match}. */
    @GET
    @Path("{locationId}/sales/{id}")
    @ApiResponse(responseCode = "200", description = "The item", headers = @Header(name = "ETag", description = "The item's version, for If-Match",
            schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SalesResource.SaleItemView.class)))
    public Response saleItem(@PathParam("locationId") String locationId, @PathParam("id") String id) {
        SaleItem item = sales.item(locationId, id)
                .orElseThrow(() -> TenderException.notFound("id", "no sale item '" + id + "' at '" + locationId + "'"));
        return Response.ok(SalesResource.SaleItemView.of(item)).tag(Versions.tag(sales.itemVersion(locationId, id).orElse(0)))
                .build();
    }

    @GET
    @Path("{locationId}/sales")
    public List<SalesResource.SaleItemView> saleItems(@PathParam("locationId") String locationId) {
        return sales.items(locationId).stream().map(SalesResource.SaleItemView::of).toList();
    }

    @PUT
    @Path("{locationId}/services/{id}")
    public ServiceView saveService(@PathParam("locationId") String locationId, @PathParam("id") String id, ServiceBody body) {
        Bodies.required(body);
        if (body.price() == null) {
            throw TenderException.invalid("price", "is required");
        }
        Money price = Bodies.money(body.price(), body.currency(), "price");
        Money maxPrice = Bodies.money(body.maxPrice(), body.currency(), "maxPrice");
        return ServiceView.of(catalog.saveService(new Service(locationId, id, body.name(), body.category(), price, maxPrice)));
    }

    @GET
    @Path("{locationId}/services")
    public List<ServiceView> services(@PathParam("locationId") String locationId) {
        return catalog.services(locationId).stream().map(ServiceView::of).toList();
    }

    @GET
    @Path("{locationId}/services/{id}")
    public ServiceView service(@PathParam("locationId") String locationId, @PathParam("id") String id) {
        return catalog.service(locationId, id).map(ServiceView::of)
                .orElseThrow(() -> TenderException.notFound("id", "no service '" + id + "' at '" + locationId + "'"));
    }

    @PUT
    @Path("{locationId}/employees/{id}")
    public Employee saveEmployee(@PathParam("locationId") String locationId, @PathParam("id") String id, EmployeeBody body) {
        return catalog.saveEmployee(new Employee(locationId, id, Bodies.required(body).name()));
    }

    @GET
    @Path("{locationId}/employees")
    public List<Employee> employees(@PathParam("locationId") String locationId) {
        return catalog.employees(locationId);
    }

    @GET
    @Path("{locationId}/employees/{id}")
    public Employee employee(@PathParam("locationId") String locationId, @PathParam("id") String id) {
        return catalog.employee(locationId, id)
                .orElseThrow(() -> TenderException.notFound("id", "no employee '" + id + "' at '" + locationId + "'"));
    }

    @PUT
    @Path("{locationId}/bookings/{id}")
    public BookingView saveBooking(@PathParam("locationId") String locationId, @PathParam("id") String id, BookingBody body) {
        Bodies.required(body);
        return view(catalog.saveBooking(new Booking(locationId, id, body.serviceId(), body.employeeId(),
                body.clientName(), body.clientEmail(), body.clientPhone(), instant("startsAt", body.startsAt()), null, null)));
    }

    @GET
    @Path("{locationId}/bookings")
    public List<BookingView> bookings(@PathParam("locationId") String locationId) {
        // Three queries for the list, not two per booking.
        Map<String, Money> paid = catalog.paidByBooking(locationId);
        Map<String, Currency> currencies = catalog.services(locationId).stream()
                .collect(Collectors.toMap(Service::id, service -> service.minPrice().currency()));
        return catalog.bookings(locationId).stream().map(b -> BookingView.of(b,
                paid.getOrDefault(b.id(), Money.zero(currencies.get(b.serviceId()))))).toList();
    }

    @GET
    @Path("{locationId}/bookings/{id}")
    public BookingView booking(@PathParam("locationId") String locationId, @PathParam("id") String id) {
        return catalog.booking(locationId, id).map(this::view)
                .orElseThrow(() -> TenderException.notFound("id", "no booking '" + id + "' at '" + locationId + "'"));
    }

    /** Marks that the client did not come; prepayment rules for clients with past no-shows then apply to them. */
    @POST
    @Path("{locationId}/bookings/{id}/no-show")
    public BookingView noShow(@PathParam("locationId") String locationId, @PathParam("id") String id) {
        Booking booking = catalog.booking(locationId, id)
                .orElseThrow(() -> TenderException.notFound("id", "no booking '" + id + "' at '" + locationId + "'"));
        if (booking.status() != BookingStatus.BOOKED && booking.status() != BookingStatus.CONFIRMED) {
            throw TenderException.conflict("id", "a " + booking.status() + " booking cannot be a no-show");
        }
        return view(catalog.moveBooking(locationId, id, booking.status(), BookingStatus.NO_SHOW, null)
                .orElseThrow(() -> TenderException.conflict("id", "the booking changed meanwhile; try again")));
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            throw TenderException.invalid(field, "is required");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw TenderException.invalid(field, "must be an ISO-8601 instant such as 2026-12-01T09:00:00Z");
        }
    }
}
