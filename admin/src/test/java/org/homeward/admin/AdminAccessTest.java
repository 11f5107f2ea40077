package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.homeward.admin.web.Role;
import org.homeward.admin.web.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole role matrix: every route of the table × GET and POST × logged out, admin, staff and coordinator, over
 * real HTTP. Who may use what is written down here a second time, apart from the table, so a new route fails this
 * test until someone decides who may use it.
 */
@Tag("slow")
class AdminAccessTest {
    /**
     * Who may use each route, as the issue says: "" is anyone, "in" is every logged-in role, else the roles, comma
     * separated. Registrations are staff's to change and coordinators' to read; admins manage accounts, not people.
     */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("GET /", "in");
        EXPECTED.put("GET /login", "");
        EXPECTED.put("POST /login", "");
        EXPECTED.put("GET /login/totp", "second-factor");
        EXPECTED.put("POST /login/totp", "second-factor");
        EXPECTED.put("POST /logout", "in");
        EXPECTED.put("GET /invite/{token}", "");
        EXPECTED.put("POST /invite/{token}", "");
        EXPECTED.put("GET /account", "in");
        EXPECTED.put("POST /account/language", "in");
        EXPECTED.put("POST /account/telegram", "in");
        EXPECTED.put("POST /account/telegram/unlink", "in");
        EXPECTED.put("GET /account/totp", "in");
        EXPECTED.put("POST /account/totp", "in");
        EXPECTED.put("GET /accounts", "admin");
        EXPECTED.put("POST /accounts", "admin");
        EXPECTED.put("POST /accounts/{id}/role", "admin");
        EXPECTED.put("POST /accounts/{id}/disable", "admin");
        EXPECTED.put("POST /accounts/{id}/enable", "admin");
        EXPECTED.put("GET /registrations", "staff,coordinator");
        EXPECTED.put("GET /registrations/export", "coordinator,admin");
        EXPECTED.put("POST /registrations/export", "coordinator,admin");
        EXPECTED.put("GET /registrations/{id}", "staff,coordinator");
        EXPECTED.put("POST /registrations/{id}", "staff");
        EXPECTED.put("POST /registrations/{id}/status", "staff");
        EXPECTED.put("POST /registrations/{id}/notes", "staff");
        EXPECTED.put("GET /duplicates", "staff,coordinator");
        EXPECTED.put("POST /duplicates/merge", "staff");
        EXPECTED.put("POST /duplicates/different", "staff");
        EXPECTED.put("GET /departures", "staff,coordinator");
        EXPECTED.put("POST /departures", "staff");
        EXPECTED.put("GET /departures/{id}", "staff,coordinator");
        EXPECTED.put("POST /departures/{id}", "staff");
        EXPECTED.put("GET /departures/{id}/manifest", "coordinator,admin");
        EXPECTED.put("POST /departures/{id}/manifest", "coordinator,admin");
        EXPECTED.put("POST /departures/{id}/assign", "staff");
        EXPECTED.put("POST /departures/{id}/fill", "staff");
        EXPECTED.put("POST /departures/{id}/unassign", "staff");
        EXPECTED.put("POST /departures/{id}/cancel", "staff");
        EXPECTED.put("GET /settings", "in");
        EXPECTED.put("POST /settings", "admin");
        EXPECTED.put("POST /settings/consent", "admin");
        EXPECTED.put("GET /requirements", "staff,coordinator");
        EXPECTED.put("GET /requirements/new", "staff");
        EXPECTED.put("POST /requirements/new", "staff");
        EXPECTED.put("POST /requirements/{id}/preview", "staff");
        EXPECTED.put("GET /requirements/{id}", "staff,coordinator");
        EXPECTED.put("POST /requirements/{id}", "staff");
        EXPECTED.put("POST /requirements/{id}/deactivate", "staff");
        EXPECTED.put("GET /requirements/{id}/history", "staff,coordinator");
        EXPECTED.put("POST /departures/{id}/departed", "staff");
        EXPECTED.put("GET /broadcasts", "staff,coordinator");
        EXPECTED.put("POST /broadcasts", "staff");
        EXPECTED.put("GET /broadcasts/new", "staff");
        EXPECTED.put("POST /broadcasts/new/preview", "staff");
        EXPECTED.put("GET /broadcasts/{id}", "staff,coordinator");
        EXPECTED.put("GET /broadcasts/{id}/progress", "staff,coordinator");
        EXPECTED.put("POST /broadcasts/{id}/send", "staff");
        EXPECTED.put("POST /broadcasts/{id}/approve", "staff");
        EXPECTED.put("POST /broadcasts/{id}/cancel", "staff");
        EXPECTED.put("POST /broadcasts/{id}/pause", "staff");
        EXPECTED.put("POST /broadcasts/{id}/resume", "staff");
        EXPECTED.put("POST /broadcasts/{id}/stop", "staff");
        EXPECTED.put("POST /broadcasts/{id}/test", "staff");
        EXPECTED.put("GET /audit", "admin");
        EXPECTED.put("GET /audit/check", "admin");
        EXPECTED.put("GET /static/admin.css", "");
        EXPECTED.put("GET /static/htmx-{version}.min.js", "");
    }

    private static AdminFixture admin;

    @BeforeAll
    static void start() throws Exception {
        admin = AdminFixture.start();
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    @Test
    void everyRouteDeclaresWhoMayUseItAndThisTestKnowsEveryRoute() {
        Set<String> inTable = new TreeSet<>();
        for (Route r : admin.app.routes()) {
            assertThat(r.access()).as(r.method() + " " + r.path()).isNotNull();
            inTable.add(key(r));
        }
        assertThat(inTable).as("routes of the table; add a new one to EXPECTED with who may use it")
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        assertThatThrownBy(() -> Route.get("/new", null, e -> null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("declares who may use it");
    }

    @Test
    void everyRoleGetsExactlyTheRoutesDeclaredForItAndNoMethodIsLeftOpen() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, String> principals = new LinkedHashMap<>();
        principals.put("logged-out", null);
        principals.put("admin", "admin");
        principals.put("staff", "staff");
        principals.put("coordinator", "coordinator");
        Set<String> paths = new TreeSet<>();
        admin.app.routes().forEach(r -> paths.add(r.path()));
        for (Map.Entry<String, String> principal : principals.entrySet()) {
            Browser browser = browserFor(principal.getKey());
            // Logout last: it ends the session the other cells use.
            List<String> ordered = new ArrayList<>(paths);
            ordered.sort(Comparator.comparing((String p) -> p.equals("/logout")));
            for (String path : ordered) {
                for (String method : List.of("GET", "POST")) {
                    Route route = admin.app.routes().stream()
                            .filter(r -> r.path().equals(path) && r.method().equals(method)).findFirst().orElse(null);
                    String concrete = "/admin" + path.replace("{id}", "999999").replace("{token}", "x".repeat(43));
                    if (browser.cookie == null && principal.getValue() != null) {
                        browser = browserFor(principal.getKey()); // a cell logged out: log in again
                    }
                    if (principal.getValue() == null) {
                        browser.get("/admin/login"); // a fresh visitor's session and CSRF token
                    } else {
                        browser.get("/admin/account");
                    }
                    HttpResponse<String> answer = method.equals("GET") ? browser.get(concrete) : browser.post(concrete);
                    int status = answer.statusCode();
                    String location = browser.location();
                    String cell = principal.getKey() + " " + method + " " + path + " → " + status + " " + location;
                    if (route == null) {
                        if (status != 405) {
                            problems.add(cell + " (no such route: 405 expected)");
                        }
                        continue;
                    }
                    boolean allowed = allowed(EXPECTED.get(key(route)), principal.getValue());
                    boolean refused = status == 403 && answer.body().contains("id=\"error-message\"")
                            && !answer.body().contains("expired")
                            || status == 303 && (location.equals("/admin/login") || location.equals("/admin/login/totp")
                                    || location.equals("/admin/account/totp"));
                    if (allowed == refused) {
                        problems.add(cell + (allowed ? " (refused, but declared allowed)" : " (allowed, but not declared)"));
                    }
                    if (!allowed && principal.getValue() == null && status != 303) {
                        problems.add(cell + " (logged out: to the login page expected)");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static boolean allowed(String who, String role) {
        return switch (who) {
            case "" -> true;
            case "in" -> role != null;
            case "second-factor" -> false; // nobody of the matrix is half-way through a login
            default -> role != null && List.of(who.split(",")).contains(role);
        };
    }

    private static int count;

    private static Browser browserFor(String principal) throws Exception {
        return switch (principal) {
            case "logged-out" -> admin.browser();
            default -> admin.loggedIn(principal + (++count) + "@example.org", Role.valueOf(principal.toUpperCase()));
        };
    }

    private static String key(Route r) {
        return r.method() + " " + r.path().replaceAll("htmx-[^/]+\\.min\\.js", "htmx-{version}.min.js");
    }

}
