package io.tender.api.mail;

import io.tender.api.TenderException;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Email to clients, sent through each location's SMTP server by way of an outbox. Implemented by the platform. */
@ProviderType
public interface MailService {

    /**
     * Sets how a location sends email. The password is sealed at rest and never read back.
     *
     * @return the stored settings, password masked
     * @throws TenderException naming the field if the settings are invalid or the location unknown
     */
    default MailSettings configure(String locationId, MailSettings settings) {
        return configure(locationId, settings, null);
    }

    /**
     * Sets how a location sends email if its settings are still at the version the caller read.
     *
     * @param expectedVersion the version read (0 for never saved), or null to save whatever is stored
     * @throws TenderException PRECONDITION_FAILED if they were saved since; nothing changes then
     */
    MailSettings configure(String locationId, MailSettings settings, Long expectedVersion);

    /** @return the location's settings, password masked, if it has any */
    Optional<MailSettings> settings(String locationId);

    /**
     * Queues a plain-text message; it is sent after the caller's call returns and retried while the
     * server fails. Queuing the same key again returns the message queued first.
     *
     * @param locationId the sending location, which must have mail settings
     * @param key        what the message is for, e.g. {@code gift-card:<code>}: one message per key and location
     * @param recipient  the address
     * @param subject    the subject
     * @param text       the body
     * @return the message
     * @throws TenderException naming the field if the location sends no email or an argument is invalid
     */
    OutgoingMail queue(String locationId, String key, String recipient, String subject, String text);

    /** @return the location's messages, newest first, at most {@code limit} */
    List<OutgoingMail> outbox(String locationId, int limit);
}
