package io.tender.core.internal;

import java.net.URI;
import org.osgi.framework.BundleContext;

/**
 * Where clients reach this Tender: the configured public base URL (possibly with a path, behind a
 * proxy), or http://localhost with the HTTP port. Every address Tender hands out starts here.
 */
public final class PublicAddress {

    private PublicAddress() {
    }

    /** @return the base URL: the configured one, or http://localhost and the framework's HTTP port */
    public static URI base(String configured, BundleContext context) {
        if (configured != null && !configured.isBlank()) {
            return URI.create(configured);
        }
        String port = context.getProperty("org.osgi.service.http.port");
        return URI.create("http://localhost:" + (port == null ? "8080" : port));
    }

    /** @return the path under the base, keeping the base's own path ({@code URI.resolve} would drop it) */
    public static URI under(URI base, String path) {
        return URI.create(base.toString().replaceAll("/+$", "") + path);
    }
}
