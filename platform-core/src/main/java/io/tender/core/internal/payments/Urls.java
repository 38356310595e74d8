package io.tender.core.internal.payments;

import java.net.URI;

/** Tender's public addresses, which may sit under a path behind a proxy (https://host/tender). */
final class Urls {

    private Urls() {
    }

    /** @return the path under the base, keeping the base's own path: not {@code URI.resolve}, which drops it */
    static URI under(URI base, String path) {
        return URI.create(base.toString().replaceAll("/+$", "") + path);
    }

    /** @return the URL with one more query parameter, placed before any fragment */
    static URI withQueryParameter(URI url, String parameter) {
        String text = url.toString();
        int hash = text.indexOf('#');
        String beforeFragment = hash < 0 ? text : text.substring(0, hash);
        String fragment = hash < 0 ? "" : text.substring(hash);
        return URI.create(beforeFragment + (url.getRawQuery() == null ? "?" : "&") + parameter + fragment);
    }
}
