package org.homeward.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.homeward.db.EmbeddedPostgresServer;
import org.homeward.telegram.fake.FakeTelegram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class HomewardTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void closeHttp() {
        http.close();
    }

    @Test
    void embeddedDatabaseKeepsDataAcrossRestarts(@TempDir Path dataDir) throws Exception {
        try (Homeward homeward = Homeward.start(Config.defaults(0, dataDir))) {
            HttpResponse<String> health = get(homeward, "/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(health.body()).isEqualTo("{\"status\":\"up\",\"database\":\"up\"}");
            homeward.database().dsl().insertInto(TELEGRAM_USER).set(TELEGRAM_USER.CHAT_ID, 42L).execute();
        }
        try (Homeward again = Homeward.start(Config.defaults(0, dataDir))) {
            assertThat(again.database().dsl().fetchExists(TELEGRAM_USER, TELEGRAM_USER.CHAT_ID.eq(42L))).isTrue();
        }
    }

    @Test
    void healthIs503WhileTheDatabaseIsDown(@TempDir Path dataDir) throws Exception {
        EmbeddedPostgresServer external = EmbeddedPostgresServer.start(dataDir.resolve("external"));
        Config config = new Config(0, dataDir, Optional.of(new Config.ExternalDatabase(external.jdbcUrl(), external.user(), null)),
                Optional.empty(), URI.create(Config.DEFAULT_TELEGRAM_API_URL), Optional.empty(), Optional.empty());
        try (Homeward homeward = Homeward.start(config)) {
            assertThat(get(homeward, "/healthz").statusCode()).isEqualTo(200);
            external.close();
            HttpResponse<String> down = get(homeward, "/healthz");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"database\":\"down\"");
        }
    }

    @Test
    void aBotApiUrlThatDoesNotAnswerIsReportedAsTelegramApiUrlAndAWrongTokenAsTheToken(@TempDir Path dataDir)
            throws Exception {
        String token = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Config nobody = new Config(0, dataDir, Optional.empty(), Optional.of(token),
                URI.create("http://127.0.0.1:" + closed), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> Homeward.start(nobody)).isInstanceOf(ConfigException.class)
                .message().startsWith("TELEGRAM_API_URL").doesNotContain(token);
        // A Bot API that does not know the token answers 401.
        try (FakeTelegram telegram = FakeTelegram.start(0)) {
            Config unknown = new Config(0, dataDir, Optional.empty(), Optional.of(token), telegram.baseUrl(),
                    Optional.empty(), Optional.empty());
            assertThatThrownBy(() -> Homeward.start(unknown)).isInstanceOf(ConfigException.class)
                    .message().startsWith("TELEGRAM_BOT_TOKEN").doesNotContain(token);
        }
    }

    @Test
    void aPortInUseIsReportedAsHttpPort(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> Homeward.start(Config.defaults(taken.getLocalPort(), dataDir)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("HTTP_PORT " + taken.getLocalPort());
        }
        // Nothing was left running: the embedded database can start again in the same directory.
        try (Homeward homeward = Homeward.start(Config.defaults(0, dataDir))) {
            assertThat(get(homeward, "/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void unknownPathsAre404AndMetricsArePrometheusText(@TempDir Path dataDir) throws Exception {
        try (Homeward homeward = Homeward.start(Config.defaults(0, dataDir))) {
            assertThat(get(homeward, "/nope").statusCode()).isEqualTo(404);
            HttpResponse<String> metrics = get(homeward, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("homeward_delivery_sent_total", "homeward_delivery_queue_depth");
            // Simulator mode: the root offers the simulator and the admin app.
            HttpResponse<String> root = get(homeward, "/");
            assertThat(root.statusCode()).isEqualTo(200);
            assertThat(root.body()).contains("href=\"/simulator\"", "href=\"/admin/\"");
            assertThat(get(homeward, "/simulator").statusCode()).isEqualTo(200);
            // The admin app is mounted under /admin: a visitor is sent to its login page.
            HttpResponse<String> admin = get(homeward, "/admin/");
            assertThat(admin.statusCode()).isEqualTo(303);
            assertThat(admin.headers().firstValue("location")).hasValue("/admin/login");
            assertThat(get(homeward, "/admin/login").headers().firstValue("content-security-policy")).isPresent();
        }
    }

    private HttpResponse<String> get(Homeward homeward, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + homeward.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
