package io.tender.console.internal.pages;

import io.tender.api.Location;
import io.tender.api.Payment;
import io.tender.api.PaymentRequest;
import io.tender.api.PaymentService;
import io.tender.api.SettingsService;
import io.tender.api.TenderException;
import io.tender.api.catalog.Booking;
import io.tender.api.catalog.BookingStatus;
import io.tender.api.catalog.CatalogService;
import io.tender.api.catalog.Employee;
import io.tender.api.catalog.Service;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /book/{locationId}}: a minimal online booking form with its payment step. The client
 * chooses a service, an employee and a time; if the location's rules ask for prepayment the next
 * page says how much and sends the client to pay, otherwise the booking is made to be paid at the
 * visit. Prepayment that is not enabled or not connected is simply not offered.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("tender-booking-widget")
@HttpWhiteboardServletPattern("/book/*")
public final class BookingWidgetPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String METHOD = "booking-prepayment";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final transient SettingsService settings;
    private final transient CatalogService catalog;
    private final transient PaymentService payments;

    @Activate
    public BookingWidgetPage(@Reference SettingsService settings, @Reference CatalogService catalog,
            @Reference PaymentService payments) {
        this.settings = settings;
        this.catalog = catalog;
        this.payments = payments;
    }

    private Optional<Location> location(HttpServletRequest request) {
        return Pages.pathId(request, Pages.LOCATION_ID).flatMap(settings::location);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Location> location = location(request);
        if (location.isEmpty()) {
            Pages.send(response, 404, "Not found", "<p>There is no such place to book.</p>");
            return;
        }
        form(response, 200, location.get(), null);
    }

    private void form(HttpServletResponse response, int status, Location location, String error) throws IOException {
        StringBuilder html = new StringBuilder();
        if (error != null) {
            html.append("<p role=\"alert\" style=\"color:#b00020\">").append(Pages.text(error)).append("</p>");
        }
        html.append("<form method=\"post\"><p><label>Service<br><select name=\"service\" required>");
        for (Service service : catalog.services(location.id())) {
            html.append("<option value=\"").append(Pages.text(service.id())).append("\">").append(Pages.text(service.name()))
                    .append(" · ").append(Pages.text(service.minPrice().toString()))
                    .append(service.hasPriceRange() ? " – " + Pages.text(service.maxPrice().toString()) : "").append("</option>");
        }
        html.append("</select></label></p><p><label>Employee<br><select name=\"employee\"><option value=\"\">Anyone</option>");
        for (Employee employee : catalog.employees(location.id())) {
            html.append("<option value=\"").append(Pages.text(employee.id())).append("\">").append(Pages.text(employee.name()))
                    .append("</option>");
        }
        html.append("</select></label></p>")
                .append("<p><label>Time (").append(Pages.text(location.timeZone().getId()))
                .append(")<br><input type=\"datetime-local\" name=\"time\" required></label></p>")
                .append("<p><label>Name<br><input name=\"name\" required maxlength=\"200\"></label></p>")
                .append("<p><label>Email<br><input type=\"email\" name=\"email\" maxlength=\"254\"></label></p>")
                .append("<button>Book</button></form>");
        Pages.send(response, status, "Book at " + location.name(), html.toString());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Location> found = location(request);
        if (found.isEmpty()) {
            doGet(request, response);
            return;
        }
        Location location = found.get();
        Booking booking;
        try {
            booking = catalog.saveBooking(new Booking(location.id(), "web-" + HexFormat.of().formatHex(randomBytes()),
                    request.getParameter("service"), blankToNull(request.getParameter("employee")),
                    request.getParameter("name"), blankToNull(request.getParameter("email")), null,
                    time(request.getParameter("time"), location.timeZone()), null, null));
        } catch (TenderException e) {
            form(response, 400, location, "Please check " + e.field() + ": " + e.getMessage());
            return;
        }
        if (!prepaymentOffered(location.id())) {
            Pages.send(response, 200, "Booked", "<p>Your booking is made. You pay at the visit.</p>");
            return;
        }
        try {
            Payment payment = payments.create(new PaymentRequest(location.id(), METHOD, null, "booking", booking.id(), null,
                    booking.clientEmail(), null, "widget-" + booking.id()));
            if (payment.checkoutUrl() == null || !payment.status().isOpen()) {
                Pages.send(response, 502, "Payment not started", "<p>Your booking is held, but the payment could not be "
                        + "started. Please try again in a moment or contact us.</p>");
                return;
            }
            String pay = "<p><a id=\"pay\" href=\"" + Pages.text(payment.checkoutUrl().toString()) + "\">Pay "
                    + Pages.text(payment.amount().toString()) + "</a></p>";
            boolean held = catalog.booking(location.id(), booking.id()).filter(b -> b.status() == BookingStatus.HELD).isPresent();
            if (held) {
                Pages.send(response, 200, "Prepayment required", "<p>Prepayment required: <strong id=\"amount\">"
                        + Pages.text(payment.amount().toString()) + "</strong>. Your booking is held until it is paid.</p>" + pay);
            } else {
                Pages.send(response, 200, "Booked", "<p>Your booking is made. You can pay <strong id=\"amount\">"
                        + Pages.text(payment.amount().toString()) + "</strong> online now, or at the visit.</p>" + pay);
            }
        } catch (TenderException e) {
            // No prepayment is needed, or none can be taken now: a hold made on the way is given back.
            catalog.moveBooking(location.id(), booking.id(), BookingStatus.HELD, BookingStatus.BOOKED, null);
            Pages.send(response, 200, "Booked", "<p>Your booking is made. You pay at the visit.</p>");
        }
    }

    private boolean prepaymentOffered(String locationId) {
        // Enabled, bound, and its provider installed: a removed provider's method is not offered to clients.
        return settings.offered(locationId, METHOD);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The time the client picked, on the location's clock (a gap at a clock change moves it forward). */
    private static Instant time(String value, ZoneId zone) {
        try {
            return value == null ? null : LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw TenderException.invalid("time", "is not a date and time");
        }
    }
}
