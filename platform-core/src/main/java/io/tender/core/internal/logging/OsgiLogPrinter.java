package io.tender.core.internal.logging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints the warnings and errors reported to the OSGi log through SLF4J, where the rest of Tender's
 * output goes. Declarative Services reports there a component whose activation failed, and nothing
 * printed that log: a store that could not migrate its database left Tender unhealthy without a word.
 */
@Component(immediate = true)
public final class OsgiLogPrinter implements LogListener {

    private final LogReaderService reader;

    /** Also prints what was reported before this started, as components may fail before it does. */
    @Activate
    public OsgiLogPrinter(@Reference LogReaderService reader) {
        this.reader = reader;
        long since = System.currentTimeMillis();
        reader.addLogListener(this);
        List<LogEntry> earlier = new ArrayList<>();
        for (Enumeration<?> entries = reader.getLog(); entries.hasMoreElements(); ) {
            LogEntry entry = (LogEntry) entries.nextElement();
            if (entry.getTime() < since) {
                earlier.add(entry);
            }
        }
        Collections.reverse(earlier); // the log gives the newest first
        earlier.forEach(this::logged);
    }

    @Deactivate
    void stop() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        // Framework events (logger "Events.Framework"): their errors are printed by the framework's
        // own logger, and a boot raised one for a component the whiteboard asked for while it was
        // replaced, which Declarative Services did not report as a failure.
        if (entry.getLogLevel().implies(LogLevel.INFO) || entry.getLoggerName().startsWith("Events.")) {
            return;
        }
        Bundle bundle = entry.getBundle();
        Logger log = LoggerFactory.getLogger(bundle == null ? "osgi" : bundle.getSymbolicName());
        if (entry.getLogLevel() == LogLevel.ERROR) {
            log.error(entry.getMessage(), entry.getException());
        } else {
            log.warn(entry.getMessage(), entry.getException());
        }
    }
}
