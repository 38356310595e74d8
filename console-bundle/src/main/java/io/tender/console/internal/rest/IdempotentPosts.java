package io.tender.console.internal.rest;

import io.tender.api.idempotency.IdempotentRequests;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

/**
 * Makes every authenticated POST idempotent with Stripe's semantics when it carries an
 * {@code Idempotency-Key}: see {@link IdempotencyFilter}. Public POSTs (webhooks, sign-in) are
 * left alone: their callers have no scope to keep keys in, and webhooks are deduplicated by the
 * provider's event id instead.
 */
@Component(service = DynamicFeature.class)
@JakartarsExtension
@JakartarsName(IdempotentPosts.NAME)
public final class IdempotentPosts implements DynamicFeature {

    static final String NAME = "tender.idempotency";
    static final String SELECT = "(osgi.jakartars.name=" + NAME + ")";

    private final IdempotentRequests requests;

    @Activate
    public IdempotentPosts(@Reference IdempotentRequests requests) {
        this.requests = requests;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        if (method == null || !method.isAnnotationPresent(POST.class) || method.isAnnotationPresent(PermitAll.class)
                || resource.getResourceClass().isAnnotationPresent(PermitAll.class)) {
            return;
        }
        // After authentication (the key's scope is the caller), before everything that does work.
        context.register(new IdempotencyFilter(requests), Priorities.AUTHORIZATION + 100);
    }
}
