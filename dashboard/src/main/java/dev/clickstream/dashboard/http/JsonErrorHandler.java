package dev.clickstream.dashboard.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself (a malformed request line or URI, headers too large, an uncaught
 * failure): the API's JSON error body and the security headers, never an HTML page naming a class.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() < 400 ? 500 : response.getStatus();
        Object message = request.getAttribute(ERROR_MESSAGE);
        String text = status >= 500 ? "internal error"
                : "bad request" + (message instanceof String m && !m.isBlank() ? ": " + m : "");
        SecurityHeaders.addTo(response.getHeaders());
        Responses.error(response, callback, status, text);
        return true;
    }
}
