package io.tender.console.internal.rest;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.tender.api.TenderException;
import io.tender.api.sales.GiftCard;
import io.tender.api.sales.GiftCardMovement;
import io.tender.api.sales.GiftCardTerms;
import io.tender.api.sales.MembershipTerms;
import io.tender.api.sales.SaleItem;
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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** Gift cards by code: read, redeem (idempotent per key), movements. Memberships are in {@link MembershipResource}. */
@Component(service = SalesResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsName("tender.gift-cards")
@JSONRequired
@JakartarsExtensionSelect({JsonSupport.SELECT, AccessControl.SELECT, IdempotentPosts.SELECT})
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "sessionCookie")
@Path("gift-cards")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class SalesResource {

    /** A gift card's terms: validity in days or until a date (yyyy-mm-dd), where and for what it is redeemed. */
    public record GiftCardBody(Integer validityDays, String validUntil, Boolean singleUse, List<String> locations,
            List<String> services) {
        static GiftCardBody of(GiftCardTerms t) {
            return t == null ? null : new GiftCardBody(t.validityDays(), t.validUntil() == null ? null : t.validUntil().toString(),
                    t.singleUse(), t.locations(), t.services());
        }

        GiftCardTerms terms() {
            LocalDate until;
            try {
                until = validUntil == null ? null : LocalDate.parse(validUntil);
            } catch (DateTimeParseException e) {
                throw TenderException.invalid("giftCard.validUntil", "must be a date such as 2026-12-31");
            }
            return new GiftCardTerms(validityDays, until, Boolean.TRUE.equals(singleUse),
                    Bodies.noNulls("giftCard.locations", locations), Bodies.noNulls("giftCard.services", services));
        }
    }

    /** A membership's terms: pooled {@code visits} or {@code serviceVisits}, validity from PURCHASE or FIRST_VISIT. */
    public record MembershipBody(Integer visits, Map<String, Integer> serviceVisits, List<String> services,
            Integer validityDays, String validFrom, List<String> locations) {
        static MembershipBody of(MembershipTerms t) {
            return t == null ? null : new MembershipBody(t.visits(), t.serviceVisits(), t.services(), t.validityDays(),
                    t.validFrom().name(), t.locations());
        }

        MembershipTerms terms() {
            if (validityDays == null) {
                throw TenderException.invalid("membership.validityDays", "is required");
            }
            return new MembershipTerms(visits, Bodies.noNulls("membership.serviceVisits", serviceVisits),
                    Bodies.noNulls("membership.services", services), validityDays,
                    Bodies.choice("membership.validFrom", validFrom, MembershipTerms.ValidFrom.class),
                    Bodies.noNulls("membership.locations", locations));
        }
    }

    /**
     * A sale item as the shop offers it: a {@code GIFT_CARD} (the default; {@code maxPrice} only when
     * the buyer chooses the amount) or a {@code MEMBERSHIP}. Amounts in minor units.
     */
    public record SaleItemBody(String kind, String name, String description, Long price, Long maxPrice, String currency,
            Boolean active, GiftCardBody giftCard, MembershipBody membership) {
    }

    public record SaleItemView(String locationId, String id, String kind, String name, String description, long price,
            long maxPrice, String currency, boolean active, GiftCardBody giftCard, MembershipBody membership) {
        static SaleItemView of(SaleItem i) {
            return new SaleItemView(i.locationId(), i.id(), i.kind().name(), i.name(), i.description(), i.minAmount().minorUnits(),
                    i.maxAmount().minorUnits(), i.minAmount().currency().getCurrencyCode(), i.active(),
                    GiftCardBody.of(i.giftCard()), MembershipBody.of(i.membership()));
        }
    }

    public record CardView(String code, String locationId, String itemId, long initial, long balance, String currency,
            boolean singleUse, String validUntil, List<String> locations, List<String> services, String paymentId,
            String issuedAt) {
        static CardView of(GiftCard c) {
            return new CardView(c.code(), c.locationId(), c.itemId(), c.initial().minorUnits(), c.balance().minorUnits(),
                    c.balance().currency().getCurrencyCode(), c.singleUse(), Views.text(c.validUntil()), c.locations(),
                    c.services(), c.paymentId(), Views.text(c.issuedAt()));
        }
    }

    public record MovementView(long sequence, String type, long amount, long balance, String at) {
        static MovementView of(GiftCardMovement m) {
            return new MovementView(m.sequence(), m.type(), m.amount().minorUnits(), m.balance().minorUnits(), Views.text(m.at()));
        }
    }

    public record RedemptionBody(String locationId, String serviceId, Long amount, String currency) {
    }

    private final SalesService sales;

    @Activate
    public SalesResource(@Reference SalesService sales) {
        this.sales = sales;
    }

    @GET
    @Path("{code}")
    public CardView card(@PathParam("code") String code, @Context SecurityContext caller) {
        return CardView.of(readable(code, caller));
    }

    /** @return the card, if the caller may see the location that sold it or one where it is valid */
    private GiftCard readable(String code, SecurityContext caller) {
        GiftCard card = sales.giftCard(code).orElseThrow(() -> TenderException.notFound("code", "no gift card with this code"));
        Caller.of(caller).requireReadAny(card.locationId(), card.locations());
        return card;
    }

    @POST
    @Path("{code}/redemptions")
    public CardView redeem(@PathParam("code") String code, RedemptionBody body,
            @HeaderParam(PaymentResource.IDEMPOTENCY_KEY) String idempotencyKey, @Context SecurityContext caller) {
        Bodies.required(body);
        if (body.locationId() == null) {
            throw TenderException.invalid("locationId", "is required: where the card is used");
        }
        Caller.of(caller).requireWrite(body.locationId());
        if (body.amount() == null) {
            throw TenderException.invalid("amount", "is required");
        }
        return CardView.of(sales.redeem(code, body.locationId(), body.serviceId(),
                Bodies.money(body.amount(), body.currency(), "amount"), idempotencyKey));
    }

    @GET
    @Path("{code}/movements")
    public List<MovementView> movements(@PathParam("code") String code, @Context SecurityContext caller) {
        readable(code, caller);
        return sales.movements(code).stream().map(MovementView::of).toList();
    }
}
