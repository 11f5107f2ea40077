package org.homeward.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A staff member's browser over loopback: the session cookie, redirects not followed (their target is checked). */
final class StaffBrowser {
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    StaffBrowser(URI base) {
        this.base = base;
    }

    /** A GET, whatever it answers. */
    HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A page that must answer 200. */
    String page(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode());
        }
        return r.body();
    }

    /** A form posted as a browser does. */
    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in with the login page's CSRF token; fails unless led to the dashboard. */
    void login(String email, String password) throws Exception {
        String page = page("/admin/login");
        HttpResponse<String> answer = post("/admin/login", Map.of("_csrf", field(page, "_csrf"), "email", email,
                "password", password));
        if (answer.statusCode() != 303 || !answer.headers().firstValue("location").orElse("").equals("/admin/")) {
            throw new IllegalStateException("login failed: " + answer.statusCode());
        }
    }

    /** The value of the first input named {@code name} on {@code page}. */
    static String field(String page, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]+)\"").matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " on the page");
        }
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
