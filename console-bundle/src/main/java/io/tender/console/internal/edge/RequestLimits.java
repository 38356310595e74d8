package io.tender.console.internal.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * The first thing every request meets, before any servlet or resource: a body larger than the
 * limit is refused with 413 before it is read, and the public endpoints (client pages, webhooks,
 * sign-in) are rate-limited per client address, with 429 and {@code Retry-After}. Both answers are
 * RFC 9457 problems.
 */
@Component(service = Preprocessor.class, configurationPid = RequestLimits.PID)
@Designate(ocd = RequestLimits.Config.class)
public final class RequestLimits implements Preprocessor {

    static final String PID = "io.tender.limits";

    @ObjectClassDefinition(name = "Tender request limits", description = "Body sizes and public request rates.")
    public @interface Config {
        @AttributeDefinition(name = "Largest body (bytes)", min = "1024", description = "For every request but provider uploads.")
        int maxBodyBytes() default 1024 * 1024;

        @AttributeDefinition(name = "Largest provider bundle (bytes)", min = "1024",
                description = "For PUT /api/ops/providers/{file}, which uploads a bundle.")
        int maxUploadBytes() default 64 * 1024 * 1024;

        @AttributeDefinition(name = "Client page requests per second, per address", min = "1",
                description = "/pay, /shop, /book and sign-in; bursts of ten times this are let through.")
        int pageRequestsPerSecond() default 20;

        @AttributeDefinition(name = "Webhooks per second, per address", min = "1",
                description = "/api/webhooks; bursts of ten times this are let through.")
        int webhookRequestsPerSecond() default 200;
    }

    private volatile Config config;
    private final RateLimiter pages = new RateLimiter();
    private final RateLimiter webhooks = new RateLimiter();

    @Activate
    public RequestLimits(Config config) {
        this.config = config;
    }

    @Modified
    void modified(Config changed) {
        this.config = changed;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse answer = (HttpServletResponse) response;
        Config limits = config;
        String path = http.getRequestURI();
        RateLimiter limiter = limiterFor(http.getMethod(), path);
        if (limiter != null) {
            int rate = limiter == webhooks ? limits.webhookRequestsPerSecond() : limits.pageRequestsPerSecond();
            if (!limiter.tryAcquire(http.getRemoteAddr(), rate, rate * 10L, System.nanoTime())) {
                answer.setHeader("Retry-After", "1");
                problem(answer, 429, "too-many-requests", "Too Many Requests",
                        "too many requests from your address; try again in a second");
                return;
            }
        }
        long max = "PUT".equals(http.getMethod()) && path.startsWith("/api/ops/providers/")
                ? limits.maxUploadBytes() : limits.maxBodyBytes();
        long declared = http.getContentLengthLong();
        if (declared > max) {
            problem(answer, 413, "content-too-large", "Content Too Large", "the body is larger than " + max + " bytes");
            return;
        }
        if (declared < 0 && http.getHeader("Transfer-Encoding") != null) {
            // No length announced: read at most the limit, and refuse if there is more.
            byte[] body = http.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (body.length > max) {
                problem(answer, 413, "content-too-large", "Content Too Large", "the body is larger than " + max + " bytes");
                return;
            }
            chain.doFilter(new BufferedBody(http, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private RateLimiter limiterFor(String method, String path) {
        if (path.startsWith("/api/webhooks/")) {
            return webhooks;
        }
        if (path.startsWith("/pay/") || path.startsWith("/shop/") || path.startsWith("/book/")
                || ("POST".equals(method) && path.equals("/api/session"))) {
            return pages;
        }
        return null;
    }

    private static void problem(HttpServletResponse answer, int status, String kind, String title, String detail)
            throws IOException {
        answer.setStatus(status);
        answer.setContentType("application/problem+json");
        answer.setCharacterEncoding("UTF-8");
        answer.getWriter().write("{\"type\":\"urn:tender:problem:" + kind + "\",\"title\":\"" + title + "\",\"status\":"
                + status + ",\"detail\":\"" + detail + "\"}");
    }

    /** A request whose body was read here, handed on from memory. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return bytes.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
