package io.tender.core.internal.credentials;

import io.tender.core.internal.DataFolder;
import java.io.IOException;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Holds the key that encrypts provider credentials at rest, from configuration or a key file. */
// Required, like the store's: a node of a cluster must never seal anything with a key of its own
// for the moment before deploy/io.tender.credentials.cfg names the shared one.
@Component(service = CredentialVault.class, configurationPid = CredentialVault.PID,
        configurationPolicy = org.osgi.service.component.annotations.ConfigurationPolicy.REQUIRE)
@Designate(ocd = CredentialVault.Config.class)
public final class CredentialVault {

    static final String PID = "io.tender.credentials";

    @ObjectClassDefinition(
            name = "Tender credential encryption",
            description = "The AES-256 key that encrypts provider credentials in the database.")
    public @interface Config {
        @AttributeDefinition(
                name = "Key",
                type = AttributeType.PASSWORD,
                description = "Base64 of 32 random bytes. Empty: use the key file.")
        String key() default "";

        @AttributeDefinition(
                name = "Key file",
                description = "Empty: keys/credentials.key under the data folder, created on first start.")
        String keyFile() default "";
    }

    private final AesGcmCipher cipher;

    @Activate
    public CredentialVault(Config config) throws IOException {
        this(config.key().isEmpty()
                ? KeyFile.loadOrCreate(config.keyFile().isEmpty()
                        ? DataFolder.path().resolve("keys").resolve("credentials.key")
                        : Path.of(config.keyFile()))
                : KeyFile.decode(config.key(), "configuration " + PID));
    }

    /** @param key a 32-byte key */
    public CredentialVault(byte[] key) {
        this.cipher = new AesGcmCipher(key);
    }

    /** @return the cipher for credentials */
    public AesGcmCipher cipher() {
        return cipher;
    }
}
