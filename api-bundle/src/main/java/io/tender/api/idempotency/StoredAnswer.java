package io.tender.api.idempotency;

import java.util.Arrays;
import java.util.Objects;

/**
 * An HTTP answer as it was given: status, the headers that carry meaning for a retry, and the body.
 *
 * @param status      the HTTP status
 * @param contentType the body's media type, or null without a body
 * @param location    the Location header, or null
 * @param etag        the ETag header, or null
 * @param body        the body's bytes, empty without a body
 */
public record StoredAnswer(int status, String contentType, String location, String etag, byte[] body) {

    public StoredAnswer {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredAnswer that && status == that.status && Objects.equals(contentType, that.contentType)
                && Objects.equals(location, that.location) && Objects.equals(etag, that.etag)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, location, etag, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "StoredAnswer[" + status + ", " + contentType + ", " + body.length + " bytes]";
    }
}
