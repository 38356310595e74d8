package io.tender.core.internal.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first owner's password as {@code bin/tender} hands it over: in a file only the owner of the
 * process may read, named by {@code tender.owner.passwordFile}, which is deleted once read, so the
 * password does not stay in the process's environment. {@code TENDER_OWNER_PASSWORD} is read when
 * Tender is started some other way.
 */
final class FirstOwnerPassword {

    static final String FILE_PROPERTY = "tender.owner.passwordFile";
    private static final Logger LOG = LoggerFactory.getLogger(FirstOwnerPassword.class);

    private FirstOwnerPassword() {
    }

    static String read() {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            return System.getenv("TENDER_OWNER_PASSWORD");
        }
        Path path = Path.of(file);
        try {
            if (!Files.exists(path)) {
                return null;
            }
            String password = Files.readString(path, StandardCharsets.UTF_8);
            return password.endsWith("\n") ? password.substring(0, password.length() - 1) : password;
        } catch (IOException e) {
            LOG.error("The first owner's password file {} could not be read: {}", path, e.getMessage());
            return null;
        } finally {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warn("Delete the first owner's password file {} by hand: {}", path, e.getMessage());
            }
        }
    }
}
