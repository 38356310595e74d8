package io.tender.core.internal.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tender.core.internal.credentials.AesGcmCipher;
import java.util.Map;

/** Connection settings as JSON, sealed with the credential key and bound to their connection id. */
public final class SealedSettings {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final AesGcmCipher cipher;

    public SealedSettings(AesGcmCipher cipher) {
        this.cipher = cipher;
    }

    public String seal(String connectionId, Map<String, Object> settings) {
        try {
            return cipher.seal(JSON.writeValueAsBytes(settings), connectionId);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("settings cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    public Map<String, Object> open(ConnectionRow row) {
        try {
            return Map.copyOf(JSON.readValue(cipher.open(row.sealedSettings(), row.id()), MAP));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("settings of connection " + row.id() + " are not readable", e);
        }
    }
}
