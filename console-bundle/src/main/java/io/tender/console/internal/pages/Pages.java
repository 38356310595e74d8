package io.tender.console.internal.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.owasp.encoder.Encode;

/** The client pages' frame: small, self-contained HTML with a strict Content-Security-Policy. */
final class Pages {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;color:#1d2330}"
            + "main{max-width:26rem;margin:3rem auto;background:#fff;border-radius:12px;padding:2rem;"
            + "box-shadow:0 2px 12px rgba(0,0,0,.08)}h1{font-size:1.3rem}table{width:100%;border-collapse:collapse}"
            + "td{padding:.3rem 0}td.n{text-align:right}.total{font-size:1.6rem;font-weight:600;margin:1rem 0}"
            + "button{font-size:1rem;padding:.6rem 1.2rem;border-radius:8px;border:1px solid #2952cc;background:#2952cc;"
            + "color:#fff;cursor:pointer}button:focus-visible{outline:3px solid #8aa4ff;outline-offset:2px}";

    private Pages() {
    }

    /** An id of a location as the pages' addresses carry it. */
    static final String LOCATION_ID = "[A-Za-z0-9_-]{1,64}";

    /**
     * @param pattern what the one path segment after the servlet's path must look like
     * @return that segment, if the request's path is exactly one segment of that shape
     */
    static Optional<String> pathId(HttpServletRequest request, String pattern) {
        String path = request.getPathInfo();
        return path != null && path.matches("/" + pattern) ? Optional.of(path.substring(1)) : Optional.empty();
    }

    /** @return the text escaped for HTML */
    static String text(String value) {
        return Encode.forHtml(value);
    }

    /**
     * Sends a page; {@code body} is HTML whose user values were escaped with {@link #text}. Forms may
     * be redirected to another origin: Pay and Buy answer with a redirect to the provider's checkout,
     * and browsers apply {@code form-action} to that redirect too.
     */
    static void send(HttpServletResponse response, int status, String title, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' https: http:");
        response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>" + text(title) + "</title><style>" + STYLE + "</style></head><body><main>"
                + "<h1 id=\"status\">" + text(title) + "</h1>" + body + "</main></body></html>");
    }
}
