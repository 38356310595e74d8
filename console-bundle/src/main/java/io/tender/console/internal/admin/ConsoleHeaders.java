package io.tender.console.internal.admin;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Browser protections for the console's pages. The Content-Security-Policy lets only the
 * console's own script run, so a name holding markup that slipped into the page could not run
 * script; the console is never framed, and {@code /console} goes to its index page.
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterName("tender-console-headers")
@HttpWhiteboardFilterPattern({"/console", "/console/*"})
public final class ConsoleHeaders implements Filter {

    static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
            + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse answer = (HttpServletResponse) response;
        String path = http.getRequestURI();
        if (path.equals("/console") || path.equals("/console/")) {
            // The whiteboard serves files, not folders: the console's root is its index page.
            answer.sendRedirect("/console/index.html");
            return;
        }
        setHeaders(answer);
        chain.doFilter(request, response);
    }

    private static void setHeaders(HttpServletResponse answer) {
        answer.setHeader("Content-Security-Policy", POLICY);
        answer.setHeader("X-Content-Type-Options", "nosniff");
        answer.setHeader("X-Frame-Options", "DENY");
        answer.setHeader("Referrer-Policy", "same-origin");
        answer.setHeader("Cache-Control", "no-cache");
    }
}
