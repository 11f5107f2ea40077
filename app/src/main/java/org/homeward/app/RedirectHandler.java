package org.homeward.app;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Sends the bare root to where a newcomer should start; any other unknown path is a 404. */
final class RedirectHandler extends Handler.Abstract {
    private final String target;

    RedirectHandler(String target) {
        this.target = target;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"/".equals(Request.getPathInContext(request))) {
            return false;
        }
        response.setStatus(HttpStatus.FOUND_302);
        response.getHeaders().put(HttpHeader.LOCATION, target);
        callback.succeeded();
        return true;
    }
}
