package io.tender.api.mail;

/**
 * How a location sends email.
 *
 * @param host        the SMTP server's host name
 * @param port        its port, e.g. 587 for STARTTLS, 465 for TLS, 25 for none
 * @param security    how the connection is protected
 * @param username    the login, or null for none
 * @param password    the password: write-only; read back masked, and null on write keeps the stored one
 * @param fromAddress the sender address clients see
 * @param fromName    the sender name clients see, or null
 * @param version     how often they were saved: 0 for never (for ETag / If-Match)
 */
public record MailSettings(String host, int port, Security security, String username, String password, String fromAddress,
        String fromName, long version) {

    /** Settings to save; their version is the store's. */
    public MailSettings(String host, int port, Security security, String username, String password, String fromAddress,
            String fromName) {
        this(host, port, security, username, password, fromAddress, fromName, 0);
    }

    /** What stands in for a stored password when settings are read. */
    public static final String MASK = "********";

    /** How the connection to the SMTP server is protected. */
    public enum Security { NONE, STARTTLS, TLS }
}
