package io.tender.console.internal.pages;

import io.tender.api.Payment;
import io.tender.api.PaymentRequest;
import io.tender.api.PaymentService;
import io.tender.api.SettingsService;
import io.tender.api.TenderException;
import io.tender.api.link.LinkItem;
import io.tender.api.link.PaymentLink;
import io.tender.api.link.PaymentLinkService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /pay/link/{token}}: the page a payment link opens. It shows the business, what is paid
 * for and the amount; Pay starts the checkout at the provider the location's payment-link method
 * is bound to. A paid, expired or withdrawn link says so.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("tender-payment-link")
@HttpWhiteboardServletPattern("/pay/link/*")
public final class LinkPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LinkPage.class);

    private final transient PaymentLinkService links;
    private final transient PaymentService payments;
    private final transient SettingsService settings;

    @Activate
    public LinkPage(@Reference PaymentLinkService links, @Reference PaymentService payments,
            @Reference SettingsService settings) {
        this.links = links;
        this.payments = payments;
        this.settings = settings;
    }

    private Optional<PaymentLink> link(HttpServletRequest request) {
        return Pages.pathId(request, "lnk_[a-z2-7]{24}").flatMap(links::find);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<PaymentLink> found = link(request);
        if (found.isEmpty()) {
            Pages.send(response, 404, "Link not found", "<p>This payment link does not exist. Ask the business for a new one.</p>");
            return;
        }
        PaymentLink link = found.get();
        switch (link.status()) {
            case PAID -> Pages.send(response, 200, "Already paid", summary(link) + "<p>This link has been paid. Thank you.</p>");
            case EXPIRED -> Pages.send(response, 410, "Link expired", summary(link)
                    + "<p>This link has expired. Ask the business for a new one.</p>");
            case CANCELLED -> Pages.send(response, 410, "Link withdrawn", summary(link)
                    + "<p>The business has withdrawn this link.</p>");
            case OPEN -> Pages.send(response, 200, "Pay " + merchant(link), items(link)
                    + (settings.offered(link.locationId(), "payment-link")
                            ? "<form method=\"post\"><button>Pay " + Pages.text(link.amount().toString()) + "</button></form>"
                            : "<p>Online payment is not available right now. Please try again later or contact the business.</p>"));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<PaymentLink> found = link(request);
        if (found.isEmpty() || !found.get().payableAt(Instant.now())) {
            doGet(request, response);
            return;
        }
        PaymentLink link = found.get();
        try {
            // An open checkout of this link is reused: a second click never opens a second one.
            Payment payment = payments.findFor(link.locationId(), "link", link.token()).stream()
                    .filter(p -> p.status().isOpen() && p.checkoutUrl() != null)
                    .reduce((first, second) -> second)
                    .orElseGet(() -> payments.create(new PaymentRequest(link.locationId(), "payment-link", null, "link",
                            link.token(), null, null, null, null)));
            if (payment.checkoutUrl() == null || !payment.status().isOpen()) {
                Pages.send(response, 502, "Payment not started", summary(link)
                        + "<p>The payment could not be started. Please try again in a moment.</p>");
                return;
            }
            response.setStatus(303);
            response.setHeader("Location", payment.checkoutUrl().toString());
        } catch (TenderException e) {
            LOG.info("Link {} could not be paid: {}", link.token(), e.getMessage());
            Pages.send(response, 503, "Online payment unavailable", summary(link)
                    + "<p>Online payment is not available right now. Please contact the business.</p>");
        }
    }

    private String merchant(PaymentLink link) {
        return settings.location(link.locationId()).map(l -> l.name()).orElse("");
    }

    /** The business, then what is paid for. */
    private String summary(PaymentLink link) {
        return "<p>" + Pages.text(merchant(link)) + "</p>" + items(link);
    }

    private static String items(PaymentLink link) {
        StringBuilder html = new StringBuilder("<table>");
        for (LinkItem item : link.items()) {
            html.append("<tr><td>").append(Pages.text(item.name())).append(item.quantity() > 1 ? " × " + item.quantity() : "")
                    .append("</td><td class=\"n\">").append(Pages.text(item.total().toString())).append("</td></tr>");
        }
        html.append("</table><p class=\"total\">").append(Pages.text(link.amount().toString())).append("</p>");
        return html.toString();
    }
}
