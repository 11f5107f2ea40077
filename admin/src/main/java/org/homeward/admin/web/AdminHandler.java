package org.homeward.admin.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.homeward.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request to /admin passes here, in this order: security headers (on every answer, errors included), the
 * session, the route, who may use it, the CSRF token of a POST, then the route's action. Anything thrown becomes
 * the friendly 500 page, never a stack trace.
 */
public final class AdminHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);
    /** Where the admin app is mounted. */
    public static final String BASE = "/admin";
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    // No inline script or style anywhere: htmx and the stylesheet are files of our own.
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final List<Route> routes;
    private final Sessions sessions;
    private final Clock clock;
    private final boolean behindTls;
    private final TemplateEngine templates;

    /**
     * @param routes the route table
     * @param behindTls true when browsers reach the app over https (a TLS proxy in front): cookies are Secure and
     *     {@code __Host-} prefixed, and HSTS is sent
     */
    public AdminHandler(Database database, List<Route> routes, Clock clock, boolean behindTls) {
        this.routes = List.copyOf(routes);
        this.sessions = new Sessions(database);
        this.clock = clock;
        this.behindTls = behindTls;
        this.templates = TemplateEngine.createPrecompiled(null, ContentType.Html, null, "org.homeward.admin.web");
    }

    static String cookieName(boolean secure) {
        return secure ? "__Host-homeward" : "homeward";
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String fullPath = request.getHttpURI().getDecodedPath();
        if (fullPath == null || !(fullPath.equals(BASE) || fullPath.startsWith(BASE + "/"))) {
            return false;
        }
        boolean secure = behindTls || request.isSecure();
        headers(response, secure);
        Exchange exchange = null;
        try {
            if (fullPath.equals(BASE)) {
                send(request, response, callback, new Result.Redirect(BASE + "/"), null);
                return true;
            }
            String path = fullPath.substring(BASE.length());
            Session session = path.startsWith("/static/") ? null
                    : sessions.find(Exchange.cookieValue(request, secure), clock.instant()).orElse(null);
            List<Route> matching = new ArrayList<>();
            Map<String, String> params = Map.of();
            Route route = null;
            for (Route r : routes) {
                Map<String, String> p = r.match(path);
                if (p != null) {
                    matching.add(r);
                    if (r.method().equals(request.getMethod()) && route == null) {
                        route = r;
                        params = p;
                    }
                }
            }
            exchange = new Exchange(request, response, params, session, sessions, clock, secure, navOf(path));
            if (matching.isEmpty()) {
                send(request, response, callback, error(exchange, 404, "error.not_found"), exchange);
                return true;
            }
            if (route == null) {
                Set<String> allow = new LinkedHashSet<>();
                matching.forEach(r -> allow.add(r.method()));
                response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allow));
                send(request, response, callback, error(exchange, 405, "error.method"), exchange);
                return true;
            }
            Stage stage = session == null ? Stage.ANONYMOUS : session.stage();
            if (!route.access().allows(stage, session == null ? null : session.role())) {
                send(request, response, callback, refuse(exchange, stage), exchange);
                return true;
            }
            if (route.method().equals("POST") && !csrfOk(request, exchange)) {
                send(request, response, callback, error(exchange, 403, "error.csrf"), exchange);
                return true;
            }
            send(request, response, callback, route.action().handle(exchange), exchange);
        } catch (Throwable e) {
            // The type and where only: an exception's message may quote what was typed (personal data), and the
            // log must hold none; the user never sees a stack trace either.
            if (e instanceof StreamFailed && response.isCommitted()) {
                // Half a file is sent: the answer can only be cut. Its producer has stopped and let go of its
                // connection. A write that failed is a browser gone away (info); anything else is ours (error).
                boolean gone = false;
                for (Throwable c = e.getCause(); c != null && !gone; c = c.getCause()) {
                    gone = c instanceof java.io.IOException;
                }
                String cause = e.getCause().getClass().getName();
                if (gone) {
                    LOG.info("admin download cut: {} {}: {}", request.getMethod(), fullPath, cause);
                } else {
                    LOG.error("admin download failed half-way: {} {}: {}", request.getMethod(), fullPath, cause);
                }
                callback.failed(e.getCause());
                return true;
            }
            StackTraceElement[] trace = e.getStackTrace();
            LOG.error("admin request failed: {} {}: {} at {}", request.getMethod(), fullPath, e.getClass().getName(),
                    trace.length > 0 ? trace[0] : "unknown");
            try {
                if (!response.isCommitted()) {
                    response.reset();
                    headers(response, secure);
                    Exchange forError = exchange != null ? exchange
                            : new Exchange(request, response, Map.of(), null, sessions, clock, secure, "");
                    send(request, response, callback, error(forError, 500, "error.server"), forError);
                } else {
                    callback.failed(e);
                }
            } catch (Throwable again) {
                LOG.error("could not show the error page: {}", again.getClass().getName());
                Response.writeError(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500);
            }
        }
        return true;
    }

    /** Not allowed: to the login page when not logged in (or to the next login step), else 403. */
    private static Result refuse(Exchange exchange, Stage stage) {
        return switch (stage) {
            case ANONYMOUS -> Result.redirect("/login");
            case SECOND_FACTOR -> Result.redirect("/login/totp");
            case ENROL -> Result.redirect("/account/totp");
            case FULL -> error(exchange, 403, "error.forbidden");
        };
    }

    private static boolean csrfOk(Request request, Exchange exchange) {
        Session session = exchange.session();
        if (session == null) {
            return false;
        }
        String sent = request.getHeaders().get(CSRF_HEADER);
        if (sent == null) {
            sent = exchange.form(CSRF_FIELD);
        }
        return Tokens.same(sent, session.csrf());
    }

    static Result error(Exchange exchange, int status, String messageKey) {
        return exchange.render(status, "error.jte", "status", status, "messageKey", messageKey);
    }

    private static String navOf(String path) {
        String[] parts = path.split("/");
        return parts.length > 1 ? parts[1] : "";
    }

    /** Sent on every answer of the admin app, errors included. */
    private static void headers(Response response, boolean secure) {
        var h = response.getHeaders();
        h.put("Content-Security-Policy", CSP);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "same-origin");
        h.put("X-Frame-Options", "DENY");
        h.put("Cross-Origin-Opener-Policy", "same-origin");
        // Every admin page may show personal data: none is kept by the browser or a proxy.
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        if (secure) {
            h.put("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }

    /** A streamed download that failed: thrown on to the request's error handling. */
    private static final class StreamFailed extends RuntimeException {
        StreamFailed(Exception cause) {
            super(cause);
        }
    }

    private void send(Request request, Response response, Callback callback, Result result, Exchange exchange) {
        switch (result) {
            case Result.Redirect r -> {
                if (request.getHeaders().get("HX-Request") != null) {
                    // htmx would follow a 303 inside the page; a redirect it is told of loads the whole page.
                    response.setStatus(200);
                    response.getHeaders().put("HX-Redirect", r.location());
                } else {
                    response.setStatus(HttpStatus.SEE_OTHER_303);
                    response.getHeaders().put(HttpHeader.LOCATION, r.location());
                }
                response.write(true, ByteBuffer.allocate(0), callback);
            }
            case Result.Bytes b -> {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, b.contentType());
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, b.cacheControl());
                response.write(true, ByteBuffer.wrap(b.body()), callback);
            }
            case Result.Stream st -> {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, st.contentType());
                response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + st.fileName() + "\"");
                // Blocking writes through a buffer: the body's producer (a database cursor) waits for a slow browser,
                // and a browser that goes away makes the next write throw, which ends the producer's transaction.
                OutputStream out = new BufferedOutputStream(Content.Sink.asOutputStream(response), 64 * 1024);
                try {
                    st.body().writeTo(out);
                    out.close();
                } catch (Exception e) {
                    throw new StreamFailed(e);
                }
                callback.succeeded();
            }
            case Result.Render r -> {
                StringOutput out = new StringOutput();
                templates.render(r.template(), r.params(), out);
                byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
                response.setStatus(r.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
                response.write(true, ByteBuffer.wrap(body), callback);
            }
        }
    }
}
