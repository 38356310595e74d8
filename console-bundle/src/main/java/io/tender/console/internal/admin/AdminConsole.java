package io.tender.console.internal.admin;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * The admin web console at {@code /console/}: static HTML, CSS and JavaScript from this bundle,
 * with no CDN and no build step. It talks to the REST API only, with the signed-in admin's session.
 */
@Component(service = AdminConsole.class)
@HttpWhiteboardResource(pattern = {"/console", "/console/*"}, prefix = "/io/tender/console/admin")
public final class AdminConsole {
}
