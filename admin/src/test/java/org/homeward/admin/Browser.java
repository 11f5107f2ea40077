package org.homeward.admin;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal browser over Java's HTTP client: it keeps the session cookie by hand (so a Secure cookie is kept over
 * the test's plain http too, and its flags can be checked), follows no redirect, and picks the CSRF token from the
 * last page.
 */
final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;
    private final String cookieName;
    String cookie;
    String csrf;
    HttpResponse<String> last;

    Browser(URI base, boolean secure) {
        this.base = base;
        this.cookieName = secure ? "__Host-homeward" : "homeward";
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** A form POST with the CSRF token of the last page; {@code fields} are name, value, name, value… */
    HttpResponse<String> post(String path, String... fields) throws Exception {
        List<String> all = new ArrayList<>(List.of(fields));
        if (csrf != null && !List.of(fields).contains("_csrf")) {
            all.add("_csrf");
            all.add(csrf);
        }
        return postRaw(path, all.toArray(String[]::new));
    }

    /** A form POST exactly as given: no CSRF token added. */
    HttpResponse<String> postRaw(String path, String... fields) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        if (cookie != null) {
            request.header("Cookie", cookieName + "=" + cookie);
        }
        last = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String set : last.headers().allValues("set-cookie")) {
            if (set.startsWith(cookieName + "=")) {
                String value = set.substring(cookieName.length() + 1).split(";")[0];
                cookie = value.isEmpty() || set.contains("Max-Age=0") ? null : value;
            }
        }
        Matcher m = CSRF.matcher(last.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return last;
    }

    /** Opens the login page and sends email and password; the answer to the POST. */
    HttpResponse<String> login(String email, String password) throws Exception {
        get("/admin/login");
        return post("/admin/login", "email", email, "password", password);
    }

    String location() {
        return last.headers().firstValue("location").orElse("");
    }
}
