package io.tender.core.internal.settings;

import io.tender.api.TenderException;
import io.tender.core.internal.routing.RunningServices;
import java.util.Arrays;
import java.util.HashMap;
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
                String problem = attribute.validate(String.valueOf(value));
                if (problem != null && !problem.isEmpty()) {
                    throw TenderException.invalid("settings." + key, problem);
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
