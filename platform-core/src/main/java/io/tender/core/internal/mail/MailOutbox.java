package io.tender.core.internal.mail;

import io.tender.api.TenderException;
import io.tender.api.mail.MailService;
import io.tender.api.mail.MailSettings;
import io.tender.api.mail.OutgoingMail;
import io.tender.core.internal.Fields;
import io.tender.core.internal.Ids;
import io.tender.core.internal.credentials.AesGcmCipher;
import io.tender.core.internal.credentials.CredentialVault;
import io.tender.core.internal.settings.SettingsRepository;
import io.tender.core.internal.store.RowVersion;
import io.tender.core.internal.store.TenderStore;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.util.StreamProvider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail settings per location and the outbox. A message is written to the outbox in its own
 * transaction and sent by a background sender, which retries with growing delays while the server
 * fails; a message the server refuses for good (an address rejected with a 5xx reply, a bad login)
 * fails at once.
 */
@Component(service = MailService.class, immediate = true, configurationPid = MailOutbox.PID)
@Designate(ocd = MailOutbox.Config.class)
public final class MailOutbox implements MailService {

    static final String PID = "io.tender.mail";
    private static final Logger LOG = LoggerFactory.getLogger(MailOutbox.class);
    private static final int BATCH = 20;

    @ObjectClassDefinition(name = "Tender email", description = "How the outbox sends email through each location's SMTP server.")
    public @interface Config {
        @AttributeDefinition(name = "Check the outbox every (seconds)", min = "1", max = "3600")
        int pollSeconds() default 5;

        @AttributeDefinition(name = "First retry after (seconds)", description = "Doubles with every attempt, up to an hour.",
                min = "1", max = "3600")
        int retrySeconds() default 30;

        @AttributeDefinition(name = "Attempts before giving up", min = "1", max = "50")
        int maxAttempts() default 10;

        @AttributeDefinition(name = "SMTP timeout (seconds)", min = "1", max = "300")
        int timeoutSeconds() default 20;
    }

    private final TenderStore store;
    private final AesGcmCipher cipher;
    private final Clock clock;
    private final Config config;
    private final SmtpSender smtp;
    private final SettingsRepository locations = new SettingsRepository();
    private final ScheduledExecutorService sender;

    /**
     * @param mailImplementation Jakarta Mail's implementation, as SPI Fly registers it: its presence
     *                           means mail can be sent, and its class loader is the one Jakarta Mail's
     *                           API must search for it (see {@link SmtpSender})
     */
    @Activate
    public MailOutbox(Config config, @Reference TenderStore store, @Reference CredentialVault vault,
            @Reference StreamProvider mailImplementation) {
        this(config, store, vault.cipher(), Clock.systemUTC(), new StreamProviderLoader(mailImplementation.getClass().getClassLoader()));
    }

    MailOutbox(Config config, TenderStore store, AesGcmCipher cipher, Clock clock, ClassLoader mailImplementation) {
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
        this.config = config;
        this.smtp = new SmtpSender(Duration.ofSeconds(config.timeoutSeconds()), mailImplementation);
        this.sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tender-mail-outbox");
            thread.setDaemon(true);
            return thread;
        });
        sender.scheduleWithFixedDelay(this::sendDue, config.pollSeconds(), config.pollSeconds(), TimeUnit.SECONDS);
    }

    /** Stops the sender; a message being sent stays queued and goes out after the next start. */
    @Deactivate
    void stop() {
        sender.shutdownNow();
    }

    // ---- settings ---------------------------------------------------------------------------

    @Override
    public MailSettings configure(String locationId, MailSettings settings, Long expectedVersion) {
        if (settings == null) {
            throw TenderException.invalid("body", "mail settings are required");
        }
        Fields.required("host", settings.host(), 253);
        if (settings.port() < 1 || settings.port() > 65535) {
            throw TenderException.invalid("port", "must be 1 to 65535");
        }
        if (settings.security() == null) {
            throw TenderException.invalid("security", "is required: NONE, STARTTLS or TLS");
        }
        Fields.optional("username", settings.username(), 254);
        Fields.optional("password", settings.password(), 1000);
        address("fromAddress", Fields.required("fromAddress", settings.fromAddress(), 254));
        if (settings.username() != null && settings.security() == MailSettings.Security.NONE && !loopback(settings.host())) {
            // A login over a plain connection would send the password in clear across the network.
            throw TenderException.invalid("security", "a login needs STARTTLS or TLS, except to a server on this machine");
        }
        Fields.optional("fromName", settings.fromName(), 200);
        store.upsert(db -> {
            if (locations.location(db, String.valueOf(locationId)).isEmpty()) {
                throw TenderException.notFound("locationId", "no location '" + locationId + "'");
            }
            long next = RowVersion.next(RowVersion.lock(db, "SELECT version FROM mail_settings WHERE location_id = ? FOR UPDATE",
                    locationId).orElse(0L), expectedVersion, "the mail settings");
            Optional<MailRepository.StoredSettings> stored = MailRepository.settings(db, locationId);
            boolean newPassword = settings.password() != null && !MailSettings.MASK.equals(settings.password());
            // A password left out keeps the stored one (the API never reads it back), but only for the
            // same server and login: it is never handed to a server it was not given for.
            boolean sameServer = stored.map(MailRepository.StoredSettings::settings).filter(old -> old.host().equals(settings.host())
                    && old.port() == settings.port() && old.security() == settings.security()
                    && java.util.Objects.equals(old.username(), settings.username())).isPresent();
            if (!newPassword && settings.username() != null && !sameServer) {
                throw TenderException.invalid("password", "is required again when the server or the login changes");
            }
            String sealed = newPassword
                    ? cipher.seal(settings.password().getBytes(StandardCharsets.UTF_8), context(locationId))
                    : settings.username() == null ? null
                    : stored.map(MailRepository.StoredSettings::sealedPassword).orElse(null);
            MailRepository.saveSettings(db, locationId, settings, sealed, next, clock.instant());
            return null;
        });
        LOG.info("Mail settings of location {} saved (server {}:{})", locationId, settings.host(), settings.port());
        return settings(locationId).orElseThrow();
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1") || host.equals("[::1]");
    }

    private static String context(String locationId) {
        return "mail:" + locationId;
    }

    private static void address(String field, String address) {
        try {
            new InternetAddress(address, true);
        } catch (AddressException e) {
            throw TenderException.invalid(field, "is not an email address");
        }
    }

    @Override
    public Optional<MailSettings> settings(String locationId) {
        return store.inTransaction(db -> MailRepository.settings(db, locationId)).map(stored -> {
            MailSettings s = stored.settings();
            return new MailSettings(s.host(), s.port(), s.security(), s.username(),
                    stored.sealedPassword() == null ? null : MailSettings.MASK, s.fromAddress(), s.fromName(), s.version());
        });
    }

    // ---- the outbox -----------------------------------------------------------------------

    @Override
    public OutgoingMail queue(String locationId, String key, String recipient, String subject, String text) {
        Fields.required("key", key, 300);
        address("recipient", Fields.required("recipient", recipient, 254));
        Fields.required("subject", subject, 500);
        Fields.required("text", text, 65535);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        OutgoingMail mail = new OutgoingMail(Ids.ordered("mail"), locationId, recipient, subject, OutgoingMail.Status.QUEUED, 0,
                null, now, null);
        // Run again after the same key queued concurrently, it finds that message and returns it.
        OutgoingMail queued = store.upsert(db -> {
            if (MailRepository.settings(db, String.valueOf(locationId)).isEmpty()) {
                throw TenderException.invalid("locationId", "location '" + locationId + "' has no email settings");
            }
            Optional<OutgoingMail> earlier = MailRepository.byKey(db, locationId, key);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            MailRepository.insert(db, mail, key, text);
            return mail;
        });
        if (queued == mail) {
            try {
                sender.execute(this::sendDue); // now, rather than at the next poll
            } catch (RejectedExecutionException stopping) {
                // The component is stopping: the message is stored and goes out after the next start.
            }
        }
        return queued;
    }

    @Override
    public List<OutgoingMail> outbox(String locationId, int limit) {
        return store.inTransaction(db -> {
            if (locations.location(db, String.valueOf(locationId)).isEmpty()) {
                throw TenderException.notFound("locationId", "no location '" + locationId + "'");
            }
            return MailRepository.outbox(db, locationId, Math.max(1, Math.min(limit, 500)));
        });
    }

    /** Sends every message that is due. @return how many were accepted by their server */
    int sendDue() {
        int sent = 0;
        try {
            for (String id : store.inTransaction(db -> MailRepository.due(db, clock.instant(), BATCH))) {
                if (sendOne(id)) {
                    sent++;
                }
            }
        } catch (RuntimeException e) {
            // The store may be restarting; the next round tries again.
            LOG.warn("Sending queued email failed: {}", e.toString());
        }
        return sent;
    }

    private boolean sendOne(String id) {
        MailRepository.Message message = store.inTransaction(db -> MailRepository.message(db, id)).orElse(null);
        if (message == null || message.mail().status() != OutgoingMail.Status.QUEUED) {
            return false;
        }
        OutgoingMail mail = message.mail();
        int attempt = mail.attempts() + 1;
        Instant retryAt = clock.instant().plus(backoff(attempt));
        if (!store.inTransaction(db -> MailRepository.claim(db, id, mail.attempts(), retryAt))) {
            return false; // another sender took this attempt
        }
        Optional<MailRepository.StoredSettings> settings = store.inTransaction(db -> MailRepository.settings(db, mail.locationId()));
        try {
            if (settings.isEmpty()) {
                throw new NoSettingsException();
            }
            String password = settings.get().sealedPassword() == null ? null
                    : new String(cipher.open(settings.get().sealedPassword(), context(mail.locationId())), StandardCharsets.UTF_8);
            smtp.send(settings.get().settings(), password, mail.recipient(), mail.subject(), message.body(), mail.id(),
                    mail.createdAt());
            store.inTransaction(db -> {
                MailRepository.sent(db, id, clock.instant());
                return null;
            });
            LOG.info("Email {} of location {} sent ({})", id, mail.locationId(), mail.subject());
            return true;
        } catch (Exception | ServiceConfigurationError | LinkageError e) {
            // A broken mail implementation (the two errors) is retried like a server that is down: it may be updated.
            // Refused for good: the login, or an address the server rejected with a 5xx reply (Angus Mail
            // lists those as invalid; a 4xx reply such as greylisting leaves them valid and is retried).
            boolean refused = e instanceof AuthenticationFailedException || e instanceof NoSettingsException
                    || e instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                            && failed.getInvalidAddresses().length > 0;
            boolean last = refused || attempt >= config.maxAttempts();
            // The message of a mail exception names the server and the reply, never the password.
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            store.inTransaction(db -> {
                MailRepository.failed(db, id, error, last);
                return null;
            });
            LOG.warn("Email {} of location {}: attempt {} failed ({}){}", id, mail.locationId(), attempt, error,
                    last ? "; given up" : "; retried at " + retryAt);
            return false;
        }
    }

    /** The location's email settings were removed after the message was queued: it cannot be sent. */
    private static final class NoSettingsException extends Exception {
        private static final long serialVersionUID = 1L;

        NoSettingsException() {
            super("the location has no email settings any more");
        }
    }

    private Duration backoff(int attempt) {
        long seconds = (long) config.retrySeconds() << Math.min(attempt - 1, 20);
        return Duration.ofSeconds(Math.min(seconds, 3600));
    }
}
