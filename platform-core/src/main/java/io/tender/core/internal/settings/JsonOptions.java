package io.tender.core.internal.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tender.api.TenderException;
import java.util.Map;

/** A method's options as stored: JSON text. */
final class JsonOptions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private JsonOptions() {
    }

    static String write(Map<String, Object> options) {
        try {
            String json = options.isEmpty() ? null : JSON.writeValueAsString(options);
            if (json != null && json.length() > 65535) {
                throw TenderException.invalid("options", "must be at most 64 KiB as JSON");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw TenderException.invalid("options", "must be JSON values: " + e.getOriginalMessage());
        }
    }

    static Map<String, Object> read(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored method options are not JSON", e);
        }
    }
}
