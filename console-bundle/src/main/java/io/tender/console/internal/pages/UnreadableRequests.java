package io.tender.console.internal.pages;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Reads the client pages' query and form parameters before the pages do: a request whose
 * parameters cannot be decoded (a broken percent escape, a form in an unknown charset) gets a 400
 * page here, where Jetty would otherwise throw from inside the page and the container answer 500.
 * So does one with a NUL character in its path or parameters, which no page takes and PostgreSQL
 * cannot store.
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterName("tender-unreadable-requests")
@HttpWhiteboardFilterPattern({"/pay/*", "/shop/*", "/book/*"})
public final class UnreadableRequests implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        boolean readable;
        try {
            readable = request.getParameterMap().entrySet().stream().noneMatch(p -> p.getKey().indexOf('\0') >= 0
                    || Arrays.stream(p.getValue()).anyMatch(v -> v.indexOf('\0') >= 0))
                    && String.valueOf(((HttpServletRequest) request).getPathInfo()).indexOf('\0') < 0;
        } catch (RuntimeException unreadable) {
            readable = false;
        }
        if (!readable) {
            Pages.send((HttpServletResponse) response, 400, "Bad request",
                    "<p>This request could not be read. Please go back and try again.</p>");
            return;
        }
        chain.doFilter(request, response);
    }
}
