package org.homeward.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.homeward.admin.account.Passwords;
import org.homeward.telegram.fake.ApiCall;
import org.homeward.telegram.fake.FakeBot;
import org.homeward.telegram.fake.FakeTelegram;
import org.homeward.telegram.fake.SimulatedUser;
import org.homeward.testkit.Await;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broadcast written and sent by a staff member in the admin app survives a kill -9 of Homeward half way through
 * its delivery (issue 13, shown from the admin side): after the restart everyone in the audience has it, in their
 * language, nobody outside it does, and only what was in flight at the kill can have gone twice — a send whose
 * answer is lost cannot be told from one never made (README, Guarantees).
 */
@Tag("slow")
class BroadcastCrashTest {
    private static final String TOKEN = "7000003:AAbroadcast-crash-token_abcdefg";
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final int PEOPLE = 240;
    private static final String PASSWORD = "crash test password for staff";
    private static final Map<String, String> TEXTS = Map.of("tg", "Салом аз Homeward", "ru", "Привет от Homeward",
            "uz", "Homeward dan salom");

    @Test
    void aBroadcastHalfDeliveredAtAKillReachesEveryoneAfterTheRestart(@TempDir Path dir) throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase(); FakeTelegram fake = FakeTelegram.start(0);
             HttpClient http = HttpClient.newHttpClient()) {
            FakeBot bot = fake.bot(TOKEN);
            Map<String, String> env = Map.of("DATABASE_URL", db.jdbcUrl(), "DATABASE_USER", db.user(),
                    "TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", fake.baseUrl().toString(),
                    "DATA_DIR", dir.resolve("data").toString());
            List<SimulatedUser> audience = new ArrayList<>();
            List<SimulatedUser> elsewhere = new ArrayList<>();
            String[] languages = {"tg", "ru", "uz"};
            for (int i = 0; i < PEOPLE; i++) {
                audience.add(bot.newUser("A" + i, languages[i % 3]));
            }
            for (int i = 0; i < 20; i++) {
                elsewhere.add(bot.newUser("E" + i, languages[i % 3]));
            }

            long inFlight;
            int port = MainProcessTest.freePort();
            Process first = MainProcessTest.startedHealthy(dir.resolve("first"), env, port, http);
            Process second = null;
            try {
                seed(db, audience, elsewhere);
                Staff staff = new Staff(URI.create("http://localhost:" + port));
                staff.login("staff@example.org");
                String composer = staff.page("/admin/broadcasts/new");
                HttpResponse<String> created = staff.post("/admin/broadcasts", Map.of("_csrf", csrf(composer),
                        "text_tg", TEXTS.get("tg"), "text_ru", TEXTS.get("ru"), "text_uz", TEXTS.get("uz"),
                        "place", String.valueOf(place(db, "zhibek_zholy")), "registered", "any"));
                assertThat(created.statusCode()).as("created").isEqualTo(303);
                String path = created.headers().firstValue("location").orElseThrow().replaceAll("\\?.*", "");
                String page = staff.page(path);
                HttpResponse<String> sent = staff.post(path + "/send", Map.of("_csrf", csrf(page),
                        "version", version(page), "when", "now"));
                assertThat(sent.statusCode()).as("sent").isEqualTo(303);
                assertThat(sent.headers().firstValue("location").orElseThrow()).contains("done=sent");

                Await.until("a third delivered", WAIT, () -> sends(bot).size() >= PEOPLE / 3);
                first.destroyForcibly(); // kill -9: rows being sent keep their lease until it runs out
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                int atKill = sends(bot).size();
                inFlight = MainProcessTest.count(db, "select count(*) from delivery where status = 'sending'");
                assertThat(atKill).isLessThan(PEOPLE);

                second = MainProcessTest.startedHealthy(dir.resolve("second"), env, port, http);
                Await.until("every recipient has a final status", WAIT,
                        () -> MainProcessTest.count(db, "select count(*) from delivery where status in ('queued', 'sending')") == 0);
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroy();
                    second.waitFor(30, TimeUnit.SECONDS);
                    second.destroyForcibly();
                }
            }

            Map<Long, List<String>> got = sends(bot).stream().collect(Collectors.groupingBy(
                    c -> Long.parseLong(c.param("chat_id")), Collectors.mapping(c -> c.param("text"), Collectors.toList())));
            long duplicates = 0;
            for (int i = 0; i < audience.size(); i++) {
                List<String> texts = got.get(audience.get(i).chatId());
                assertThat(texts).as("person %d", i).isNotEmpty().containsOnly(TEXTS.get(languages[i % 3]));
                duplicates += texts.size() - 1;
            }
            assertThat(duplicates).as("sent twice: at most what was in flight at the kill (%d)", inFlight)
                    .isLessThanOrEqualTo(inFlight);
            for (SimulatedUser u : elsewhere) {
                assertThat(got.get(u.chatId())).as("outside the audience").isNull();
            }
            assertThat(MainProcessTest.count(db, "select count(*) from delivery where status = 'sent'")).isEqualTo(PEOPLE);
        }
    }

    /** Successful sendMessage calls the fake carried out. */
    private static List<ApiCall> sends(FakeBot bot) {
        return bot.calls("sendMessage").stream().filter(c -> c.status() == 200).toList();
    }

    private static void seed(TestDatabase db, List<SimulatedUser> audience, List<SimulatedUser> elsewhere) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            List<SimulatedUser> all = new ArrayList<>(audience);
            all.addAll(elsewhere);
            for (int i = 0; i < all.size(); i++) {
                SimulatedUser u = all.get(i);
                String language = new String[] {"tg", "ru", "uz"}[i % 3];
                String place = i < audience.size() ? "zhibek_zholy" : "shymkent";
                s.addBatch("insert into telegram_user (chat_id, language, consent_version, consent_at) values ("
                        + u.chatId() + ", '" + language + "', 1, now())");
                s.addBatch("insert into registration (chat_id, status, location_id, destination_id, confirmed_at) values ("
                        + u.chatId() + ", 'confirmed', (select id from location where code = '" + place + "'),"
                        + " (select id from destination where code = 'tj_sughd'), now())");
            }
            s.addBatch("insert into staff_account (email, role, language, password_hash, created_at, updated_at) values"
                    + " ('staff@example.org', 'staff', 'en', '" + Passwords.owasp().hash(PASSWORD) + "', now(), now())");
            s.executeBatch();
        }
    }

    private static int place(TestDatabase db, String code) {
        return (int) MainProcessTest.count(db, "select id from location where code = '" + code + "'");
    }

    private static String csrf(String page) {
        return field(page, "_csrf");
    }

    private static String version(String page) {
        return field(page, "version");
    }

    private static String field(String page, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a %s field on the page", name).isTrue();
        return m.group(1);
    }

    /** A staff member's browser over HTTP: the session cookie, no redirects followed. */
    private static final class Staff {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private final URI base;

        Staff(URI base) {
            this.base = base;
        }

        String page(String path) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("GET %s", path).isEqualTo(200);
            return r.body();
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        void login(String email) throws Exception {
            String page = page("/admin/login");
            HttpResponse<String> r = post("/admin/login", Map.of("_csrf", csrf(page), "email", email, "password", PASSWORD));
            assertThat(r.statusCode()).as("login").isEqualTo(303);
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
