package io.tender.core.internal.mail;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * A context class loader that shows Jakarta Mail's API the implementation's {@code StreamProvider}
 * and nothing else: the mail providers ({@code jakarta.mail.Provider}) are found by SPI Fly, and a
 * second route to them would make ServiceLoader meet them twice, from two class spaces.
 */
final class StreamProviderLoader extends ClassLoader {

    private static final String SERVICE = "META-INF/services/jakarta.mail.util.StreamProvider";

    StreamProviderLoader(ClassLoader implementation) {
        super(implementation);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return SERVICE.equals(name) ? super.getResources(name) : Collections.emptyEnumeration();
    }

    @Override
    public URL getResource(String name) {
        return SERVICE.equals(name) ? super.getResource(name) : null;
    }
}
