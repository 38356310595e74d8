package io.tender.console.internal.rest;

import io.tender.api.TenderException;
import io.tender.api.sales.GiftCard;
import io.tender.api.sales.GiftCardMovement;
import io.tender.api.sales.SaleItem;
import io.tender.api.sales.SalesService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** Gift cards by code: read, redeem (idempotent per key), movements. */
@Component(service = SalesResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.gift-cards")
@JSONRequired
@JakartarsExtensionSelect(JsonSupport.SELECT)
@Path("gift-cards")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class SalesResource {

    /** A sale item as the shop offers it; {@code maxPrice} only when the buyer chooses the amount. */
    public record ItemBody(String name, String description, Long price, Long maxPrice, String currency, Integer validityDays,
            Boolean singleUse, Boolean active) {
    }

    public record ItemView(String locationId, String id, String name, String description, long price, long maxPrice,
            String currency, Integer validityDays, boolean singleUse, boolean active) {
        static ItemView of(SaleItem i) {
            return new ItemView(i.locationId(), i.id(), i.name(), i.description(), i.minAmount().minorUnits(),
                    i.maxAmount().minorUnits(), i.minAmount().currency().getCurrencyCode(), i.validityDays(), i.singleUse(),
                    i.active());
        }
    }

    public record CardView(String code, String locationId, String itemId, long initial, long balance, String currency,
            boolean singleUse, String validUntil, String paymentId, String issuedAt) {
        static CardView of(GiftCard c) {
            return new CardView(c.code(), c.locationId(), c.itemId(), c.initial().minorUnits(), c.balance().minorUnits(),
                    c.balance().currency().getCurrencyCode(), c.singleUse(), Views.text(c.validUntil()), c.paymentId(),
                    Views.text(c.issuedAt()));
        }
    }

    public record MovementView(long sequence, String type, long amount, long balance, String at) {
        static MovementView of(GiftCardMovement m) {
            return new MovementView(m.sequence(), m.type(), m.amount().minorUnits(), m.balance().minorUnits(), Views.text(m.at()));
        }
    }

    public record RedemptionBody(String locationId, Long amount, String currency) {
    }

    private final SalesService sales;

    @Activate
    public SalesResource(@Reference SalesService sales) {
        this.sales = sales;
    }

    @GET
    @Path("{code}")
    public CardView card(@PathParam("code") String code) {
        return sales.giftCard(code).map(CardView::of)
                .orElseThrow(() -> TenderException.notFound("code", "no gift card with this code"));
    }

    @POST
    @Path("{code}/redemptions")
    public CardView redeem(@PathParam("code") String code, RedemptionBody body,
            @HeaderParam(PaymentResource.IDEMPOTENCY_KEY) String idempotencyKey) {
        Bodies.required(body);
        if (body.amount() == null) {
            throw TenderException.invalid("amount", "is required");
        }
        return CardView.of(sales.redeem(code, body.locationId(), Bodies.money(body.amount(), body.currency(), "amount"),
                idempotencyKey));
    }

    @GET
    @Path("{code}/movements")
    public List<MovementView> movements(@PathParam("code") String code) {
        return sales.movements(code).stream().map(MovementView::of).toList();
    }
}
