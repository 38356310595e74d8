package io.tender.core.internal.mail;

import io.tender.api.mail.MailSettings;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;

/**
 * Sends one plain-text message through a location's SMTP server with Jakarta Mail.
 *
 * <p>Jakarta Mail's API finds its implementation with {@link java.util.ServiceLoader} on the thread's
 * context class loader. In OSGi SPI Fly answers that for {@code jakarta.mail.Provider} only, not for
 * {@code jakarta.mail.util.StreamProvider} (the API bundle's manifest does not ask for it), so the
 * sender runs with a context class loader that finds it (see {@link StreamProviderLoader}).
 */
final class SmtpSender {

    private final Duration timeout;
    private final ClassLoader implementation;

    SmtpSender(Duration timeout, ClassLoader implementation) {
        this.timeout = timeout;
        this.implementation = implementation;
    }

    void send(MailSettings settings, String password, String recipient, String subject, String text, String messageId,
            Instant date) throws MessagingException, UnsupportedEncodingException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(implementation);
        try {
            sendWithImplementation(settings, password, recipient, subject, text, messageId, date);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void sendWithImplementation(MailSettings settings, String password, String recipient, String subject, String text, String messageId,
            Instant date) throws MessagingException, UnsupportedEncodingException {
        Properties properties = new Properties();
        boolean tls = settings.security() == MailSettings.Security.TLS;
        String protocol = tls ? "smtps" : "smtp";
        properties.setProperty("mail.transport.protocol", protocol);
        properties.setProperty("mail." + protocol + ".host", settings.host());
        properties.setProperty("mail." + protocol + ".port", String.valueOf(settings.port()));
        properties.setProperty("mail." + protocol + ".connectiontimeout", String.valueOf(timeout.toMillis()));
        properties.setProperty("mail." + protocol + ".timeout", String.valueOf(timeout.toMillis()));
        properties.setProperty("mail." + protocol + ".writetimeout", String.valueOf(timeout.toMillis()));
        if (settings.security() == MailSettings.Security.STARTTLS) {
            properties.setProperty("mail.smtp.starttls.enable", "true");
            properties.setProperty("mail.smtp.starttls.required", "true");
        }
        if (tls || settings.security() == MailSettings.Security.STARTTLS) {
            properties.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        Authenticator authenticator = null;
        if (settings.username() != null) {
            properties.setProperty("mail." + protocol + ".auth", "true");
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(settings.username(), password == null ? "" : password);
                }
            };
        }
        Session session = Session.getInstance(properties, authenticator);
        MimeMessage message = new IdentifiedMessage(session, messageId);
        message.setFrom(new InternetAddress(settings.fromAddress(), settings.fromName(), StandardCharsets.UTF_8.name()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(recipient, true));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setText(text, StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(date));
        Transport.send(message);
    }

    /** A message whose Message-ID is the outbox id, so a resent copy is recognisable as the same message. */
    private static final class IdentifiedMessage extends MimeMessage {
        private final String id;

        IdentifiedMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + id + "@tender>");
        }
    }
}
