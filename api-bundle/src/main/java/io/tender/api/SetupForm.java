package io.tender.api;

import java.util.List;

/**
 * A provider's connection form, taken from the metatype object class its descriptor names, for a
 * console to render "Connect".
 *
 * @param providerId  the provider
 * @param title       the form's title
 * @param description what the form is for, or null
 * @param fields      its fields, in the provider's order
 */
public record SetupForm(String providerId, String title, String description, List<Field> fields) {

    public SetupForm {
        fields = List.copyOf(fields);
    }

    /**
     * One setting.
     *
     * @param id           the key in the connection's settings
     * @param name         its label
     * @param description  a hint, or null
     * @param type         {@code string}, {@code password}, {@code integer}, {@code number} or {@code boolean}
     * @param required     whether it must be given (required and without a default)
     * @param secret       whether it is write-only: stored sealed and shown masked
     * @param multiple     whether it takes a list of values
     * @param defaultValue its default, or empty
     * @param choices      the values it takes, or empty for any
     */
    public record Field(String id, String name, String description, String type, boolean required, boolean secret,
            boolean multiple, List<String> defaultValue, List<Choice> choices) {

        public Field {
            defaultValue = defaultValue == null ? List.of() : List.copyOf(defaultValue);
            choices = choices == null ? List.of() : List.copyOf(choices);
        }
    }

    /**
     * A value a field takes.
     *
     * @param value what is stored
     * @param label what the admin sees
     */
    public record Choice(String value, String label) {
    }
}
