package io.tender.console.internal.rest;

import io.tender.api.access.AccessService;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * Closes every resource method to anonymous callers unless it is marked {@link PermitAll} (the
 * webhooks, sign-in, health and the OpenAPI document), and to callers without the role
 * {@link RolesAllowed} names. Every resource selects this extension, so a resource cannot be served
 * while access control is missing: the whiteboard holds it back instead.
 */
@Component(service = DynamicFeature.class)
@JakartarsExtension
@JakartarsName(AccessControl.NAME)
public final class AccessControl implements DynamicFeature {

    static final String NAME = "tender.access";
    static final String SELECT = "(osgi.jakartars.name=" + NAME + ")";

    private final AccessService access;

    @Activate
    public AccessControl(@Reference AccessService access) {
        this.access = access;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method == null || method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                : type.getAnnotation(RolesAllowed.class);
        if (roles == null && type.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        context.register(new AccessFilter(access, roles == null ? Set.of() : Set.of(roles.value())), Priorities.AUTHENTICATION);
    }
}
