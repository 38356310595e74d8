package io.tender.core.internal.settings;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.osgi.util.converter.Converters;

/**
 * A connection's settings in a provider's own type, read once. The converter's view of a map as an
 * interface converts again, with reflection over every key, on each method call: 12 % of a
 * payment's CPU when the sandbox read its settings through it (docs/PERFORMANCE.md). An interface
 * type therefore gets a proxy over the values the converter gave once; other types are the
 * converter's result itself.
 */
final class SettingsSnapshot {

    private SettingsSnapshot() {
    }

    static Object of(Map<String, Object> settings, Class<?> type, String connectionId) {
        Object converted = Converters.standardConverter().convert(settings).to(type);
        if (!type.isInterface()) {
            return converted;
        }
        Map<Method, Object> values = new HashMap<>();
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() == 0 && method.getDeclaringClass() != Annotation.class && !method.isDefault()) {
                try {
                    values.put(method, invoke(converted, method, null));
                } catch (RuntimeException unreadable) {
                    // left to fail when, and if, the provider reads it, as it would without the snapshot
                }
            }
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (values.containsKey(method)) {
                return values.get(method);
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> type.getSimpleName() + "[" + connectionId + "]"; // never the values: they hold secrets
                default -> invoke(converted, method, args);
            };
        };
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) {
        try {
            return method.invoke(target, args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
