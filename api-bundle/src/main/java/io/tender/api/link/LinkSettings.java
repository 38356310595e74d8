package io.tender.api.link;

/**
 * A location's defaults for payment links: how long a link stays open, and the texts that carry a
 * link to the client. Texts are templates with the placeholders {@code {business}}, {@code {amount}}
 * (with "(deposit)" when a link asks for part of the total), {@code {items}}, {@code {link}} and
 * {@code {expires}} (on the location's clock); the SMS, email body and messenger texts must hold
 * {@code {link}}.
 *
 * @param expiryHours  how long a new link stays open unless it says otherwise
 * @param sms          the SMS text
 * @param emailSubject the email's subject
 * @param emailBody    the email's text
 * @param messenger    the messenger text
 * @param version      how often they were saved: 0 for never (for ETag / If-Match)
 */
public record LinkSettings(int expiryHours, String sms, String emailSubject, String emailBody, String messenger,
        long version) {

    /** Settings to save; their version is the store's. */
    public LinkSettings(int expiryHours, String sms, String emailSubject, String emailBody, String messenger) {
        this(expiryHours, sms, emailSubject, emailBody, messenger, 0);
    }

    /** @return what a location without settings of its own uses */
    public static LinkSettings defaults() {
        return new LinkSettings(72,
                "{business}: please pay {amount} for {items}: {link}",
                "Payment request from {business}",
                "Hello,\n\n{business} asks you to pay {amount} for {items}.\n\nPay securely here: {link}\n\n"
                        + "The link can be used until {expires}.\n\nThank you,\n{business}",
                "Hi! {business} sends you a payment link for {items} ({amount}): {link}");
    }
}
