package io.tender.provider.sandbox;

import io.tender.api.provider.ProviderStatus;
import org.owasp.encoder.Encode;

/** The sandbox checkout's pages: small, self-contained HTML with every user value escaped. */
final class CheckoutHtml {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;background:rgb(244,245,247);margin:0;color:rgb(29,35,48)}
            main{max-width:26rem;margin:3rem auto;background:rgb(255,255,255);border-radius:12px;padding:2rem;
              box-shadow:0 2px 12px rgba(0,0,0,.08)}
            .badge{display:inline-block;background:rgb(255,243,205);color:rgb(122,91,0);border-radius:6px;padding:.15rem .5rem;font-size:.8rem}
            h1{font-size:1.2rem;margin:.8rem 0 .2rem} .amount{font-size:2rem;font-weight:600;margin:.5rem 0 1.2rem}
            label{display:block;font-size:.9rem;margin-bottom:.3rem}
            input{width:100%;box-sizing:border-box;font-size:1rem;padding:.6rem;border:1px solid rgb(201,206,214);border-radius:8px}
            .error{color:rgb(176,0,32);margin:.5rem 0} .hint{font-size:.8rem;color:rgb(91,99,114);margin:.4rem 0 1rem}
            .actions{display:flex;gap:.5rem;flex-wrap:wrap} button{font-size:1rem;padding:.6rem 1rem;border-radius:8px;
              border:1px solid rgb(201,206,214);background:rgb(255,255,255);cursor:pointer} button.primary{background:rgb(41,82,204);color:rgb(255,255,255);border-color:rgb(41,82,204)}
            button:focus-visible,input:focus-visible{outline:3px solid rgb(138,164,255);outline-offset:2px}
            """;

    private CheckoutHtml() {
    }

    static String form(SandboxCheckout c, String error) {
        return page("Pay " + c.merchantName(), header(c)
                + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(error) + "</p>")
                + "<form method=\"post\">"
                + "<label for=\"card\">Card number</label>"
                + "<input id=\"card\" name=\"card\" inputmode=\"numeric\" autocomplete=\"off\" value=\"4242 4242 4242 4242\">"
                + "<p class=\"hint\">Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, "
                + "4000 0025 0000 3155 asks for confirmation.</p>"
                + "<div class=\"actions\">"
                + "<button class=\"primary\" name=\"action\" value=\"pay\">Pay " + escape(c.amount().toString()) + "</button>"
                + "<button name=\"action\" value=\"decline\">Decline</button>"
                + "<button name=\"action\" value=\"cancel\">Cancel</button>"
                + "</div></form>");
    }

    static String confirmation(SandboxCheckout c) {
        return page("Confirm payment", header(c)
                + "<p>Your bank asks you to confirm this payment.</p>"
                + "<form method=\"post\"><div class=\"actions\">"
                + "<button class=\"primary\" name=\"action\" value=\"confirm\">Complete</button>"
                + "<button name=\"action\" value=\"fail\">Fail</button>"
                + "</div></form>");
    }

    static String message(String title, String text, SandboxCheckout c) {
        return page(title, (c == null ? "<span class=\"badge\">Sandbox</span>" : header(c))
                + "<h1>" + escape(title) + "</h1><p>" + escape(text) + "</p>");
    }

    static String statusText(ProviderStatus status) {
        return status.name().toLowerCase().replace('_', ' ');
    }

    private static String header(SandboxCheckout c) {
        return "<span class=\"badge\">Sandbox: no real money</span>"
                + "<h1>" + escape(c.merchantName()) + "</h1>"
                + "<p>" + escape(c.description()) + "</p>"
                + "<p class=\"amount\">" + escape(c.amount().toString()) + "</p>";
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + STYLE + "</style></head>"
                + "<body><main>" + body + "</main></body></html>";
    }

    private static String escape(String text) {
        return Encode.forHtml(text);
    }
}
