package io.tender.core.internal.settings;

import io.tender.core.internal.routing.RunningServices;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Which connection settings are secret, read from the provider's metatype (attributes of type
 * PASSWORD), and how they are shown: masked. When the metatype cannot be read (provider not
 * installed, no object class), every value is treated as secret.
 */
public final class SecretAttributes {

    static final String MASK = "••••";

    private final MetaTypeService metaType;
    private final RunningServices installed;

    public SecretAttributes(MetaTypeService metaType, RunningServices installed) {
        this.metaType = metaType;
        this.installed = installed;
    }

    /** @return the settings with every secret value replaced by a mask that keeps at most its last four characters */
    public Map<String, String> mask(String providerId, Map<String, Object> settings) {
        Optional<Set<String>> secrets = secretIds(providerId);
        Map<String, String> shown = new HashMap<>();
        settings.forEach((key, value) -> shown.put(key,
                secrets.map(s -> s.contains(key)).orElse(true) ? mask(String.valueOf(value)) : String.valueOf(value)));
        return shown;
    }

    static String mask(String secret) {
        return secret.length() >= 16 ? MASK + secret.substring(secret.length() - 4) : MASK;
    }

    private Optional<Set<String>> secretIds(String providerId) {
        return installed.provider(providerId).flatMap(provider -> installed.providerBundle(providerId).map(bundle -> {
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            String pid = provider.descriptor().settingsPid();
            if (info == null || pid == null || !Arrays.asList(info.getFactoryPids()).contains(pid)
                    && !Arrays.asList(info.getPids()).contains(pid)) {
                return null;
            }
            ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
            AttributeDefinition[] attributes = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            return attributes == null ? Set.<String>of() : Arrays.stream(attributes)
                    .filter(a -> a.getType() == AttributeDefinition.PASSWORD)
                    .map(AttributeDefinition::getID)
                    .collect(Collectors.toSet());
        }));
    }
}
