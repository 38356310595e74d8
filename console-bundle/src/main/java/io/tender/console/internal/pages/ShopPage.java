package io.tender.console.internal.pages;

import io.tender.api.Location;
import io.tender.api.Money;
import io.tender.api.Payment;
import io.tender.api.PaymentRequest;
import io.tender.api.PaymentService;
import io.tender.api.SettingsService;
import io.tender.api.TenderException;
import io.tender.api.sales.GiftCardTerms;
import io.tender.api.sales.MembershipTerms;
import io.tender.api.sales.SaleItem;
import io.tender.api.sales.SaleItemKind;
import io.tender.api.sales.SalesService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /shop/{locationId}}: the location's online shop. It lists the gift cards on sale; Buy
 * starts the checkout at the provider the online-sales method is bound to. Without an enabled,
 * bound online-sales method the shop is closed.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("tender-shop")
@HttpWhiteboardServletPattern("/shop/*")
public final class ShopPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String METHOD = "online-sales";

    private final transient SettingsService settings;
    private final transient SalesService sales;
    private final transient PaymentService payments;

    @Activate
    public ShopPage(@Reference SettingsService settings, @Reference SalesService sales, @Reference PaymentService payments) {
        this.settings = settings;
        this.sales = sales;
        this.payments = payments;
    }

    private Optional<Location> location(HttpServletRequest request) {
        return Pages.pathId(request, Pages.LOCATION_ID).flatMap(settings::location);
    }

    private boolean open(String locationId) {
        // Enabled, bound, and its provider installed: a removed provider's method is not offered to clients.
        return settings.offered(locationId, METHOD);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Location> location = location(request);
        if (location.isEmpty()) {
            Pages.send(response, 404, "Not found", "<p>There is no such shop.</p>");
            return;
        }
        shop(response, 200, location.get(), null);
    }

    private void shop(HttpServletResponse response, int status, Location location, String error) throws IOException {
        List<SaleItem> items = sales.items(location.id()).stream().filter(SaleItem::active).toList();
        if (!open(location.id()) || items.isEmpty()) {
            // A purchase sent to a closed shop is refused (409); looking at it is not.
            Pages.send(response, status == 200 ? 200 : 409, location.name() + ": shop closed",
                    "<p>The online shop is closed at the moment.</p>");
            return;
        }
        StringBuilder html = new StringBuilder();
        if (error != null) {
            html.append("<p role=\"alert\" style=\"color:#b00020\">").append(Pages.text(error)).append("</p>");
        }
        for (SaleItem item : items) {
            html.append("<form method=\"post\"><h2>").append(Pages.text(item.name())).append("</h2>");
            if (item.description() != null) {
                html.append("<p>").append(Pages.text(item.description())).append("</p>");
            }
            html.append("<p>").append(Pages.text(terms(item))).append("</p>");
            html.append("<input type=\"hidden\" name=\"item\" value=\"").append(Pages.text(item.id())).append("\">");
            // Memberships are issued to the buyer, so their address is required; a gift card's code is also shown on the result page.
            html.append("<p><label>Your email").append(item.kind() == SaleItemKind.MEMBERSHIP ? "" : " (we send the code there)")
                    .append("<br><input type=\"email\" name=\"email\" autocomplete=\"email\"")
                    .append(item.kind() == SaleItemKind.MEMBERSHIP ? " required" : "").append("></label></p>");
            if (item.customAmount()) {
                html.append("<p><label>Amount (").append(Pages.text(item.minAmount().toString())).append(" to ")
                        .append(Pages.text(item.maxAmount().toString())).append(")<br><input name=\"amount\" inputmode=\"decimal\" required>")
                        .append("</label></p><button>Buy</button>");
            } else {
                html.append("<button>Buy for ").append(Pages.text(item.minAmount().toString())).append("</button>");
            }
            html.append("</form>");
        }
        Pages.send(response, status, location.name() + ": online shop", html.toString());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Location> found = location(request);
        if (found.isEmpty()) {
            doGet(request, response);
            return;
        }
        if (!open(found.get().id())) {
            shop(response, 409, found.get(), null);
            return;
        }
        Location location = found.get();
        Optional<SaleItem> item = sales.item(location.id(), String.valueOf(request.getParameter("item"))).filter(SaleItem::active);
        if (item.isEmpty()) {
            shop(response, 400, location, "That item is not on sale.");
            return;
        }
        try {
            Money amount = item.get().customAmount() ? amount(request.getParameter("amount"), item.get()) : null;
            String email = request.getParameter("email") == null || request.getParameter("email").isBlank() ? null
                    : request.getParameter("email").strip();
            if (email == null && item.get().kind() == SaleItemKind.MEMBERSHIP) {
                throw TenderException.invalid("email", "Please enter your email: the membership is issued to it.");
            }
            Payment payment = payments.create(new PaymentRequest(location.id(), METHOD, amount, "sale", item.get().id(),
                    null, email, null, null));
            if (payment.checkoutUrl() == null || !payment.status().isOpen()) {
                shop(response, 502, location, "The payment could not be started. Please try again in a moment.");
                return;
            }
            response.setStatus(303);
            response.setHeader("Location", payment.checkoutUrl().toString());
        } catch (TenderException e) {
            shop(response, 400, location, e.getMessage());
        }
    }

    /** What the buyer gets, in a sentence: validity, visits, where it is valid. */
    private static String terms(SaleItem item) {
        if (item.kind() == SaleItemKind.MEMBERSHIP) {
            MembershipTerms m = item.membership();
            String visits = m.visits() != null ? m.visits() + " visits"
                    : m.serviceVisits().entrySet().stream().map(e -> e.getValue() + " x " + e.getKey())
                            .collect(java.util.stream.Collectors.joining(", "));
            return "Membership: " + visits + ", valid " + m.validityDays() + " days from "
                    + (m.validFrom() == MembershipTerms.ValidFrom.PURCHASE ? "purchase." : "your first visit.");
        }
        GiftCardTerms g = item.giftCard();
        String validity = g.validityDays() != null ? "valid " + g.validityDays() + " days"
                : g.validUntil() != null ? "valid until " + g.validUntil() : "no expiry";
        return "Gift card: " + validity + (g.singleUse() ? ", used in one go." : ", can be used over several visits.");
    }

    /** The buyer's amount in major units ("25" or "25.50") as exact minor units of the item's currency. */
    private static Money amount(String text, SaleItem item) {
        try {
            BigDecimal major = new BigDecimal(text == null ? "" : text.trim().replace(',', '.'));
            long minor = major.movePointRight(item.minAmount().currency().getDefaultFractionDigits()).longValueExact();
            return new Money(minor, item.minAmount().currency());
        } catch (NumberFormatException | ArithmeticException e) {
            throw TenderException.invalid("amount", "enter an amount such as 25 or 25.50");
        }
    }
}
