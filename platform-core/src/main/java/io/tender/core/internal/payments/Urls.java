package io.tender.core.internal.payments;

import java.net.URI;

/** Return URLs as callers give them, with Tender's own parameters added. */
final class Urls {

    private Urls() {
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
