package io.tender.provider.sandbox;

import io.tender.api.provider.ProviderStatus;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The hosted checkout page of the sandbox, as a partner's payment page would be: the client sees
 * the merchant and the amount, pays with a test card, declines or cancels, and is sent back to
 * Tender.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("tender-sandbox-checkout")
@HttpWhiteboardServletPattern(CheckoutPage.PATH + "/*")
public final class CheckoutPage extends HttpServlet {

    static final String PATH = "/sandbox/checkout";
    private static final long serialVersionUID = 1L;

    private final transient SandboxService partner;

    @Activate
    public CheckoutPage(@Reference SandboxService partner) {
        this.partner = partner;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<SandboxCheckout> checkout = checkoutOf(request);
        if (checkout.isEmpty()) {
            send(response, 404, CheckoutHtml.message("Checkout not found",
                    "This payment link does not exist. Ask the business for a new one.", null));
            return;
        }
        SandboxCheckout c = checkout.get();
        if (c.status() == ProviderStatus.EXPIRED) {
            send(response, 410, CheckoutHtml.message("Checkout expired",
                    "This checkout has expired and can no longer be paid.", c));
        } else if (!c.payable()) {
            send(response, 409, CheckoutHtml.message("Checkout closed",
                    "This checkout is " + CheckoutHtml.statusText(c.status()) + ".", c));
        } else {
            send(response, 200, CheckoutHtml.form(c, null));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<SandboxCheckout> found = checkoutOf(request);
        if (found.isEmpty()) {
            send(response, 404, CheckoutHtml.message("Checkout not found", "This payment link does not exist.", null));
            return;
        }
        String id = found.get().id();
        String action = String.valueOf(request.getParameter("action"));
        try {
            SandboxCheckout after = switch (action) {
                case "pay" -> partner.pay(id, request.getParameter("card"));
                case "confirm" -> partner.confirm(id, true);
                case "fail" -> partner.confirm(id, false);
                case "decline" -> partner.decline(id);
                case "cancel" -> partner.cancel(id);
                default -> throw new IllegalArgumentException("Unknown action.");
            };
            if (after.status() == ProviderStatus.REQUIRES_ACTION) {
                send(response, 200, CheckoutHtml.confirmation(after));
            } else {
                response.setStatus(303);
                response.setHeader("Location",
                        (after.status() == ProviderStatus.CANCELED ? after.cancelUrl() : after.successUrl()).toString());
            }
        } catch (IllegalArgumentException e) {
            send(response, 400, CheckoutHtml.form(found.get(), e.getMessage()));
        } catch (IllegalStateException e) {
            send(response, 409, CheckoutHtml.message("Checkout closed", e.getMessage(), found.get()));
        }
    }

    private Optional<SandboxCheckout> checkoutOf(HttpServletRequest request) {
        String path = request.getPathInfo();
        if (path == null || !path.matches("/cs_sbx_[0-9a-f]{24}")) {
            return Optional.empty();
        }
        return partner.find(path.substring(1));
    }

    private static void send(HttpServletResponse response, int status, String html) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:");
        response.getWriter().write(html);
    }
}
