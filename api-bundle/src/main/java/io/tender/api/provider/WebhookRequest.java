package io.tender.api.provider;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A webhook exactly as received: the raw body (signatures are computed over its bytes) and every
 * header. Header names are matched without regard to case.
 *
 * @param body    the raw body
 * @param headers the headers, names in any case
 */
public record WebhookRequest(byte[] body, Map<String, List<String>> headers) {

    public WebhookRequest {
        body = body.clone();
        TreeMap<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseless.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(caseless);
    }

    /** @return a copy of the raw body */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** @return the body decoded as UTF-8 */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return the first value of the header, or null */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
