package io.tender.core.internal.settings;

import io.tender.api.SetupForm;
import io.tender.api.TenderException;
import io.tender.core.internal.routing.RunningServices;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * A provider's connection form, as its metatype object class declares it: which settings exist,
 * which are required, what values each accepts, and which are secret (type PASSWORD). When the
 * form cannot be read (provider not installed, no object class), nothing is checked and every
 * value is treated as secret.
 */
public final class ProviderForms {

    static final String MASK = "••••";

    private final MetaTypeService metaType;
    private final RunningServices installed;

    public ProviderForms(MetaTypeService metaType, RunningServices installed) {
        this.metaType = metaType;
        this.installed = installed;
    }

    /**
     * Checks settings against the form before anything is stored or sent to the provider.
     *
     * @throws TenderException naming {@code settings.<attribute>} and the reason
     */
    public void validate(String providerId, Map<String, Object> settings) {
        form(providerId).ifPresent(form -> {
            Map<String, AttributeDefinition> attributes = new HashMap<>();
            Arrays.stream(attributes(form, ObjectClassDefinition.ALL)).forEach(a -> attributes.put(a.getID(), a));
            settings.forEach((key, value) -> {
                AttributeDefinition attribute = attributes.get(key);
                if (attribute == null) {
                    throw TenderException.invalid("settings." + key, "is not a setting of provider '" + providerId
                            + "'; its settings are " + String.join(", ", attributes.keySet().stream().sorted().toList()));
                }
                // A list is checked value by value, against a field that takes several.
                java.util.Collection<?> values = value instanceof java.util.Collection<?> many ? many : List.of(value);
                if (values.size() > 1 && attribute.getCardinality() == 0) {
                    throw TenderException.invalid("settings." + key, "takes one value");
                }
                for (Object one : values) {
                    String problem = attribute.validate(String.valueOf(one));
                    if (problem != null && !problem.isEmpty()) {
                        throw TenderException.invalid("settings." + key, problem);
                    }
                }
            });
            for (AttributeDefinition attribute : attributes(form, ObjectClassDefinition.REQUIRED)) {
                Object value = settings.get(attribute.getID());
                if (attribute.getDefaultValue() == null && (value == null || String.valueOf(value).isBlank())) {
                    throw TenderException.invalid("settings." + attribute.getID(), attribute.getName() + " is required");
                }
            }
        });
    }

    /** @return the settings with every secret value replaced by a mask that keeps at most its last four characters */
    public Map<String, String> mask(String providerId, Map<String, Object> settings) {
        Optional<ObjectClassDefinition> form = form(providerId);
        Map<String, String> shown = new HashMap<>();
        settings.forEach((key, value) -> {
            boolean secret = form.map(f -> Arrays.stream(attributes(f, ObjectClassDefinition.ALL))
                    .noneMatch(a -> a.getID().equals(key) && a.getType() != AttributeDefinition.PASSWORD)).orElse(true);
            shown.put(key, secret ? mask(String.valueOf(value)) : String.valueOf(value));
        });
        return shown;
    }

    /** @return the form to render for Connect, if the provider declares one */
    public Optional<SetupForm> setupForm(String providerId) {
        return form(providerId).map(form -> {
            java.util.Set<String> required = Arrays.stream(attributes(form, ObjectClassDefinition.REQUIRED))
                    .map(AttributeDefinition::getID).collect(java.util.stream.Collectors.toSet());
            List<SetupForm.Field> fields = new ArrayList<>();
            for (AttributeDefinition a : attributes(form, ObjectClassDefinition.ALL)) {
                String[] defaults = a.getDefaultValue();
                List<SetupForm.Choice> choices = new ArrayList<>();
                String[] values = a.getOptionValues();
                String[] labels = a.getOptionLabels();
                if (values != null) {
                    for (int i = 0; i < values.length; i++) {
                        choices.add(new SetupForm.Choice(values[i], labels != null && i < labels.length ? labels[i] : values[i]));
                    }
                }
                boolean secret = a.getType() == AttributeDefinition.PASSWORD;
                // A secret's default is never shown: the form is read before anyone has signed in.
                fields.add(new SetupForm.Field(a.getID(), a.getName(), a.getDescription(), type(a.getType()),
                        required.contains(a.getID()) && defaults == null, secret, a.getCardinality() != 0,
                        defaults == null || secret ? List.of() : List.of(defaults), choices));
            }
            return new SetupForm(providerId, form.getName(), form.getDescription(), fields);
        });
    }

    private static String type(int metatype) {
        return switch (metatype) {
            case AttributeDefinition.PASSWORD -> "password";
            case AttributeDefinition.BOOLEAN -> "boolean";
            case AttributeDefinition.INTEGER, AttributeDefinition.LONG, AttributeDefinition.SHORT, AttributeDefinition.BYTE -> "integer";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "number";
            default -> "string";
        };
    }

    static String mask(String secret) {
        return secret.length() >= 16 ? MASK + secret.substring(secret.length() - 4) : MASK;
    }

    private static AttributeDefinition[] attributes(ObjectClassDefinition form, int filter) {
        AttributeDefinition[] attributes = form.getAttributeDefinitions(filter);
        return attributes == null ? new AttributeDefinition[0] : attributes;
    }

    private Optional<ObjectClassDefinition> form(String providerId) {
        if (metaType == null) {
            return Optional.empty();
        }
        return installed.provider(providerId).flatMap(provider -> installed.providerBundle(providerId).map(bundle -> {
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            String pid = provider.descriptor().settingsPid();
            if (info == null || pid == null || !Arrays.asList(info.getFactoryPids()).contains(pid)
                    && !Arrays.asList(info.getPids()).contains(pid)) {
                return null;
            }
            return info.getObjectClassDefinition(pid, null);
        }));
    }
}
