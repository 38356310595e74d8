package io.tender.core.internal.settings;

import io.tender.api.provider.ProviderAccount;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.util.converter.Converters;

/** The decrypted settings of one connection, handed to its provider for its calls. */
public final class ConnectionAccount implements ProviderAccount {

    private final String connectionId;
    private final String locationId;
    private final Map<String, Object> settings;
    private final Map<Class<?>, Object> typed = new ConcurrentHashMap<>();

    public ConnectionAccount(String connectionId, String locationId, Map<String, Object> settings) {
        this.connectionId = connectionId;
        this.locationId = locationId;
        this.settings = Map.copyOf(settings);
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public String locationId() {
        return locationId;
    }

    @Override
    public Map<String, Object> settings() {
        return settings;
    }

    /**
     * The settings are immutable, so each type is converted once for this account (one route, one
     * payment's calls). The converter's own proxy converts again on every method call, with
     * reflection, and providers read their settings on every call, so an interface type gets a
     * proxy over the values read once.
     */
    @Override
    public <T> T settings(Class<T> type) {
        return type.cast(typed.computeIfAbsent(type, this::convert));
    }

    private Object convert(Class<?> type) {
        Object converted = Converters.standardConverter().convert(settings).to(type);
        if (!type.isInterface()) {
            return converted;
        }
        Map<Method, Object> values = new HashMap<>();
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() == 0 && method.getDeclaringClass() != Annotation.class
                    && !method.isDefault()) {
                try {
                    values.put(method, invoke(converted, method, null));
                } catch (RuntimeException unreadable) {
                    // left to fail when, and if, the provider reads it, as without this snapshot
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
                case "toString" -> type.getSimpleName() + "[" + connectionId + "]";
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

    /** Never print credentials, not even by accident in a log line. */
    @Override
    public String toString() {
        return "ProviderAccount[" + connectionId + "]";
    }
}
