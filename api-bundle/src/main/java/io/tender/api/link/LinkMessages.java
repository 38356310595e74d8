package io.tender.api.link;

/**
 * Ready texts that carry a payment link to the client, from the location's templates: short for
 * SMS, a subject and a body for email, friendly for messengers, and the bare address to copy.
 *
 * @param sms          one SMS
 * @param emailSubject the email's subject
 * @param emailBody    the email's text
 * @param messenger    a messenger message
 * @param copy         the address alone
 */
public record LinkMessages(String sms, String emailSubject, String emailBody, String messenger, String copy) {
}
