package org.homeward.admin.web;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;
import org.homeward.i18n.StaffLanguage;

/** One request as an action sees it: its parameters and form, the session, the member's texts and the clock. */
public final class Exchange {
    /** Form fields beyond this are refused: no admin form has more than a few. */
    private static final int MAX_FIELDS = 50;
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final Request request;
    private final Response response;
    private final Map<String, String> pathParams;
    private final Sessions sessions;
    private final Clock clock;
    private final boolean secure;
    private final String nav;
    private Session session;
    private Texts texts;
    private Fields form;
    private Fields query;

    Exchange(Request request, Response response, Map<String, String> pathParams, Session session, Sessions sessions,
            Clock clock, boolean secure, String nav) {
        this.request = request;
        this.response = response;
        this.pathParams = pathParams;
        this.session = session;
        this.sessions = sessions;
        this.clock = clock;
        this.secure = secure;
        this.nav = nav;
    }

    /** GET or POST. */
    public String method() {
        return request.getMethod();
    }

    /** A path parameter ("{id}" in the route's path). */
    public String param(String name) {
        return pathParams.getOrDefault(name, "");
    }

    /** A query parameter, or "". */
    public String query(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request);
        }
        String v = query.getValue(name);
        return v == null ? "" : v;
    }

    /** A form field of a POST, or "". */
    public String form(String name) {
        String v = formFields().getValue(name);
        return v == null ? "" : v;
    }

    /** Every value of a repeated form field (checkboxes), in the order sent; empty when there is none. */
    public java.util.List<String> formValues(String name) {
        java.util.List<String> values = formFields().getValues(name);
        return values == null ? java.util.List.of() : values;
    }

    private Fields formFields() {
        if (form == null) {
            form = "POST".equals(request.getMethod())
                    ? FormFields.getFields(request, MAX_FIELDS, MAX_FORM_BYTES)
                    : new Fields();
        }
        return form;
    }

    /** The session, or null when the browser has none. */
    public Session session() {
        return session;
    }

    /** The member's account id; only for routes that need a logged-in member. */
    public long accountId() {
        return session.accountId();
    }

    /** The network address the request came from, for the audit trail and the per-address login limit. */
    public String address() {
        return Request.getRemoteAddr(request);
    }

    /** Now, by the app's clock. */
    public Instant now() {
        return clock.instant();
    }

    /** The texts in the member's language (or, before login, the language asked for or the browser's). */
    public Texts texts() {
        if (texts == null) {
            texts = new Texts(language());
        }
        return texts;
    }

    private StaffLanguage language() {
        if (session != null && session.language() != null) {
            return session.language();
        }
        for (String asked : List.of(query("lang"), "POST".equals(method()) ? form("lang") : "")) {
            var chosen = StaffLanguage.fromCode(asked);
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        // Accept-Language: the first of ru or en the browser names; Russian when it names neither.
        String accept = request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE);
        if (accept != null) {
            for (String part : accept.split(",")) {
                String tag = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
                var l = StaffLanguage.fromCode(tag.split("-")[0]);
                if (l.isPresent()) {
                    return l.get();
                }
            }
        }
        return StaffLanguage.RU;
    }

    /** A page: the template gets "page" (the layout's needs) and the given name, value pairs. */
    public Result render(int status, String template, Object... namesAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("page", new Page(texts(), session, nav, request.getHttpURI().getPathQuery()));
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Result.Render(status, template, params);
    }

    /** A page with status 200. */
    public Result render(String template, Object... namesAndValues) {
        return render(200, template, namesAndValues);
    }

    /**
     * Makes sure the browser has a session (a visitor's, before login), so the form about to be shown carries a
     * CSRF token.
     */
    public void ensureSession() {
        if (session == null) {
            start(null, Stage.ANONYMOUS);
        }
    }

    /**
     * Replaces the session with a new one (a new id, a new CSRF token) for {@code accountId} at {@code stage}: at
     * every step of a login, so an id known before it is worth nothing after it.
     */
    public void startSession(long accountId, Stage stage) {
        start(accountId, stage);
    }

    private void start(Long accountId, Stage stage) {
        if (session != null) {
            sessions.delete(session.idHash());
        }
        String id = sessions.create(accountId, stage, now());
        response.getHeaders().add(HttpHeader.SET_COOKIE, cookie(id, -1));
        session = sessions.find(id, now()).orElseThrow();
        texts = null;
        // Visitors' sessions too (each login page opened without a cookie makes one): at most once a minute, so a
        // flood of visitors leaves no more rows than the idle timeout's worth.
        sessions.purgeExpiredNowAndThen(now());
    }

    /** Ends the session here and in the browser. */
    public void endSession() {
        if (session != null) {
            sessions.delete(session.idHash());
            session = null;
        }
        response.getHeaders().add(HttpHeader.SET_COOKIE, cookie("", 0));
    }

    /**
     * The session cookie: {@code __Host-} prefixed and {@code Secure} behind TLS (the prefix requires Secure); over
     * plain http (a laptop, localhost) the browser would drop a Secure cookie, so it is sent without either there.
     * Always HttpOnly, SameSite=Lax, Path=/ and no Max-Age: it ends with the browser, and the server ends it
     * sooner by its timeouts.
     */
    private String cookie(String value, int maxAge) {
        StringBuilder c = new StringBuilder(AdminHandler.cookieName(secure)).append('=').append(value)
                .append("; Path=/; HttpOnly; SameSite=Lax");
        if (secure) {
            c.append("; Secure");
        }
        if (maxAge >= 0) {
            c.append("; Max-Age=").append(maxAge);
        }
        return c.toString();
    }

    static String cookieValue(Request request, boolean secure) {
        String name = AdminHandler.cookieName(secure);
        for (HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return null;
    }
}
