package io.tender.api.webhook;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The stored webhook events, for operators. */
@ProviderType
public interface WebhookInbox {

    /**
     * @param state  the events in this state, or null for all
     * @param before only events received before the one with this id (paging, newest first), or null
     * @param limit  at most this many, 1 to 500
     * @return the events, newest first
     */
    List<InboxedWebhook> events(InboxedWebhook.State state, String before, int limit);

    /**
     * Sends a dead or unmatched event through again, at once.
     *
     * @param id the event's inbox id
     * @return the event after the attempt
     * @throws io.tender.api.TenderException NOT_FOUND for an unknown id, CONFLICT if it was applied already
     */
    InboxedWebhook retry(String id);
}
