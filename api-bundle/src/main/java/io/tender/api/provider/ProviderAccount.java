package io.tender.api.provider;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The credentials and settings of one provider connection, decrypted for the duration of a call.
 * Implemented by the platform. Providers must not log or keep the settings.
 */
@ProviderType
public interface ProviderAccount {

    /** @return the connection's id; webhooks for this account arrive addressed to it */
    String connectionId();

    /** @return the location the connection belongs to */
    String locationId();

    /** @return the settings as entered, keyed by the attribute ids of the provider's metatype */
    Map<String, Object> settings();

    /**
     * Converts the settings to the provider's typed configuration, normally the annotation type
     * that declares its metatype object class, with defaults applied.
     *
     * @param <T>  the configuration type
     * @param type an annotation or interface type whose methods name the settings
     * @return the typed settings
     */
    <T> T settings(Class<T> type);
}
