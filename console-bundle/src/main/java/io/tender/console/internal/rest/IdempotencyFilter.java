package io.tender.console.internal.rest;

import io.tender.api.idempotency.Claim;
import io.tender.api.idempotency.IdempotentRequests;
import io.tender.api.idempotency.StoredAnswer;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Idempotency with Stripe's semantics for one POST that carries an {@code Idempotency-Key}:
 * <ul>
 * <li>the first answer for a key is kept for a day and given again to every retry, marked
 * {@code Idempotent-Replayed: true}: successes, conflicts with the current state (409) and server
 * errors (500) alike;</li>
 * <li>a refusal of the request as sent (any other 4xx: invalid input, unknown thing, no right) is
 * not kept, as at Stripe, since nothing ran: the caller may correct the request and send it again
 * with the same key;</li>
 * <li>the same key with another method, path or body is a 422;</li>
 * <li>a retry that arrives while the first request runs waits for its answer (on any node), so
 * thousands of concurrent requests with one key make one payment and one provider call; after
 * {@link #WAIT} it gets a 409 and may try again;</li>
 * <li>answers that say "try again" (503, 429) are not kept either, so the retry runs.</li>
 * </ul>
 * Keys belong to the caller: two API keys may use the same Idempotency-Key for different things.
 */
final class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    /** Longer than a provider call may take (30 s), so a retry sees the first request's outcome. */
    static final Duration WAIT = Duration.ofSeconds(45);
    private static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";
    private static final String HEAD = IdempotencyFilter.class.getName() + ".head";

    private final IdempotentRequests requests;

    IdempotencyFilter(IdempotentRequests requests) {
        this.requests = requests;
    }

    /** What the answer says besides its body, captured before the body is written. */
    private record Head(int status, String contentType, String location, String etag) {
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null) {
            return;
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            request.abortWith(Problem.of(Status.BAD_REQUEST, "invalid", HEADER + " must be 1 to 255 printable ASCII"
                    + " characters without spaces", HEADER).toResponse());
            return;
        }
        byte[] body = request.hasEntity() ? body(request) : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        String scope = Caller.of(request.getSecurityContext()).principal().id();
        Claim claim = requests.claim(scope, key, fingerprint(request, body), WAIT);
        if (claim instanceof Claim.Run run) {
            request.setProperty(CLAIM, run);
        } else if (claim instanceof Claim.Replay replay) {
            request.abortWith(replay(replay.answer()));
        } else if (claim instanceof Claim.Mismatch) {
            request.abortWith(Problem.of(Problem.UNPROCESSABLE, "key-reused",
                    "this " + HEADER + " was used for a request with other parameters; use a new key", HEADER).toResponse());
        } else {
            request.abortWith(Problem.of(Status.CONFLICT, "key-in-use", "a request with this " + HEADER
                    + " is still running; try again in a moment", HEADER).toResponse(HttpHeaders.RETRY_AFTER, "1"));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof Claim.Run run)) {
            return;
        }
        int status = response.getStatus();
        if (!kept(status)) {
            request.removeProperty(CLAIM);
            requests.release(run);
            return;
        }
        Head head = new Head(status, response.getMediaType() == null ? null : response.getMediaType().toString(),
                response.getLocation() == null ? null : response.getLocation().toString(),
                response.getHeaderString(HttpHeaders.ETAG));
        if (!response.hasEntity()) {
            request.removeProperty(CLAIM);
            requests.complete(run, answer(head, new byte[0]));
        } else {
            request.setProperty(HEAD, head);
        }
    }

    /** Keeps the body as it goes out, then stores the whole answer. */
    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (!(context.getProperty(CLAIM) instanceof Claim.Run run) || !(context.getProperty(HEAD) instanceof Head head)) {
            context.proceed();
            return;
        }
        context.removeProperty(CLAIM);
        ByteArrayOutputStream copy = new ByteArrayOutputStream(1024); // an answer's usual size
        OutputStream original = context.getOutputStream();
        context.setOutputStream(new FilterOutputStream(original) {
            @Override
            public void write(int b) throws IOException {
                copy.write(b);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                copy.write(b, off, len);
                out.write(b, off, len);
            }
        });
        try {
            context.proceed();
        } catch (IOException | RuntimeException e) {
            // The answer did not get out whole: a retry runs the request again (its own keys keep it single).
            requests.release(run);
            throw e;
        }
        requests.complete(run, answer(head, copy.toByteArray()));
    }

    /**
     * The request's body. The announced length (which RequestLimits bounds, and HTTP's framing
     * holds the body to) sizes the copy: {@code readAllBytes} alone starts with an 8 KB buffer, for
     * bodies mostly of a few hundred bytes. A body sent in chunks is read to its end.
     */
    private static byte[] body(ContainerRequestContext request) throws IOException {
        InputStream in = request.getEntityStream();
        int length = request.getLength();
        return length < 0 ? in.readAllBytes() : in.readNBytes(length);
    }

    /** @return whether an answer with this status is kept for retries */
    static boolean kept(int status) {
        if (status == Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            return false;
        }
        return status < 400 || status >= 500 || status == Status.CONFLICT.getStatusCode();
    }

    private static StoredAnswer answer(Head head, byte[] body) {
        return new StoredAnswer(head.status(), head.contentType(), head.location(), head.etag(), body);
    }

    private static Response replay(StoredAnswer answer) {
        Response.ResponseBuilder response = Response.status(answer.status()).header(REPLAYED, "true");
        if (answer.contentType() != null) {
            response.type(answer.contentType()).entity(answer.body());
        }
        if (answer.location() != null) {
            response.header(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.etag() != null) {
            response.header(HttpHeaders.ETAG, answer.etag());
        }
        return response.build();
    }

    /** The request as far as a retry must repeat it: method, path with query, and body. */
    private static String fingerprint(ContainerRequestContext request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath() + "?"
                    + request.getUriInfo().getRequestUri().getRawQuery() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
