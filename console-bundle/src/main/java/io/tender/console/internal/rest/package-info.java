/** Tender's REST API: whiteboard resources over the platform's services. Private to this bundle. */
@RequireJakartarsWhiteboard
package io.tender.console.internal.rest;

import org.osgi.service.jakartars.whiteboard.annotations.RequireJakartarsWhiteboard;
