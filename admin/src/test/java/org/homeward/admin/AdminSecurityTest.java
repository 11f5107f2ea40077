package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.homeward.admin.web.Role;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Headers on every answer (errors included), the session cookie's flags, CSRF, and pages that show no stack trace. */
@Tag("slow")
class AdminSecurityTest {
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    @Test
    void everyAnswerCarriesTheSecurityHeadersErrorsIncluded() throws Exception {
        try (AdminFixture admin = AdminFixture.start()) {
            Browser staff = admin.loggedIn("staff@example.org", Role.STAFF);
            Browser visitor = admin.browser();
            List<HttpResponse<String>> answers = List.of(
                    visitor.get("/admin/login"),                    // 200 page
                    visitor.get("/admin/"),                         // 303 to login
                    visitor.get("/admin/nope"),                     // 404
                    visitor.postRaw("/admin/", "a", "b"),           // 405
                    visitor.postRaw("/admin/login", "email", "x"),  // 403: no CSRF token
                    staff.get("/admin/accounts"),                   // 403: not for staff
                    staff.get("/admin/"),                           // 200 page
                    visitor.get("/admin/static/admin.css"));        // a file
            assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 303, 404, 405, 403, 403, 200, 200);
            for (HttpResponse<String> a : answers) {
                var h = a.headers();
                String what = a.request().method() + " " + a.uri() + " " + a.statusCode();
                assertThat(h.firstValue("content-security-policy")).as(what).hasValue(CSP);
                assertThat(h.firstValue("x-content-type-options")).as(what).hasValue("nosniff");
                assertThat(h.firstValue("referrer-policy")).as(what).hasValue("same-origin");
                assertThat(h.firstValue("x-frame-options")).as(what).hasValue("DENY");
                // Plain http in development: no HSTS.
                assertThat(h.firstValue("strict-transport-security")).as(what).isEmpty();
                if (!a.uri().getPath().startsWith("/admin/static/")) {
                    assertThat(h.firstValue("cache-control")).as(what).hasValue("no-store");
                }
                assertThat(a.body()).as(what).doesNotContain("Exception", "\tat org.");
                // No inline script or style anywhere, so the CSP blocks nothing of ours.
                assertThat(a.body()).as(what).doesNotContain("<script>", "style=\"", "onclick");
            }
            assertThat(answers.get(4).body()).contains("id=\"error-message\"");
            assertThat(answers.get(3).headers().firstValue("allow")).hasValue("GET");
        }
    }

    @Test
    void behindTlsTheCookieIsHostPrefixedAndSecureAndHstsIsSent() throws Exception {
        AdminConfig tls = new AdminConfig(Optional.empty(), Optional.empty(), URI.create("https://homeward.example.org"));
        try (AdminFixture admin = AdminFixture.start(tls)) {
            Browser b = admin.browser();
            HttpResponse<String> page = b.get("/admin/login");
            String cookie = page.headers().firstValue("set-cookie").orElseThrow();
            assertThat(cookie).startsWith("__Host-homeward=")
                    .contains("; Path=/", "; HttpOnly", "; SameSite=Lax", "; Secure").doesNotContain("Domain=");
            assertThat(page.headers().firstValue("strict-transport-security")).hasValue("max-age=31536000; includeSubDomains");
            assertThat(b.get("/admin/nope").headers().firstValue("strict-transport-security")).isPresent();

            admin.account("staff@example.org", Role.STAFF, "en", null);
            HttpResponse<String> login = b.login("staff@example.org", AdminFixture.PASSWORD);
            assertThat(login.headers().firstValue("set-cookie").orElseThrow())
                    .startsWith("__Host-homeward=").contains("; Secure", "; HttpOnly", "; SameSite=Lax");
        }
    }

    @Test
    void overPlainHttpTheCookieHasNoPrefixAndNoSecureButIsHttpOnlyAndLax() throws Exception {
        try (AdminFixture admin = AdminFixture.start()) {
            String cookie = admin.browser().get("/admin/login").headers().firstValue("set-cookie").orElseThrow();
            assertThat(cookie).startsWith("homeward=").contains("; Path=/", "; HttpOnly", "; SameSite=Lax")
                    .doesNotContain("Secure");
        }
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
        try (AdminFixture admin = AdminFixture.start()) {
            admin.account("staff@example.org", Role.STAFF, "en", null);
            Browser b = admin.browser();
            b.get("/admin/login");
            // The login form without its token, with a wrong one, with another session's.
            assertThat(b.postRaw("/admin/login", "email", "staff@example.org", "password", AdminFixture.PASSWORD)
                    .statusCode()).isEqualTo(403);
            assertThat(b.post("/admin/login", "email", "staff@example.org", "password", AdminFixture.PASSWORD,
                    "_csrf", "forged").statusCode()).isEqualTo(403);
            Browser other = admin.browser();
            other.get("/admin/login");
            assertThat(b.post("/admin/login", "email", "staff@example.org", "password", AdminFixture.PASSWORD,
                    "_csrf", other.csrf).statusCode()).isEqualTo(403);
            assertThat(b.cookie).isNotNull();
            b.get("/admin/login");
            assertThat(b.post("/admin/login", "email", "staff@example.org", "password", AdminFixture.PASSWORD)
                    .statusCode()).isEqualTo(303);

            // Logged in: a POST without the token (a form on another site) is refused; htmx's header works.
            b.get("/admin/account");
            assertThat(b.postRaw("/admin/account/language", "lang", "ru").statusCode()).isEqualTo(403);
            HttpResponse<String> viaHeader = b.send(HttpRequest.newBuilder(admin.base().resolve("/admin/account/language"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-CSRF-Token", b.csrf)
                    .POST(HttpRequest.BodyPublishers.ofString("lang=ru&back=%2Fadmin%2Faccount")));
            assertThat(viaHeader.statusCode()).isEqualTo(303);
            assertThat(b.get("/admin/account").body()).contains("Мой профиль");
        }
    }

    @Test
    void anErrorInsideIsAFriendlyPageWithTheHeadersAndNoStackTrace() throws Exception {
        try (AdminFixture admin = AdminFixture.start()) {
            Browser b = admin.browser();
            b.get("/admin/login");
            admin.database.close(); // the database goes away
            HttpResponse<String> page = b.get("/admin/login");
            assertThat(page.statusCode()).isEqualTo(500);
            assertThat(page.body()).contains("id=\"error-message\"").doesNotContain("Exception", "\tat ", "SQL");
            assertThat(page.headers().firstValue("content-security-policy")).hasValue(CSP);
            assertThat(page.headers().firstValue("cache-control")).hasValue("no-store");
        }
    }
}
