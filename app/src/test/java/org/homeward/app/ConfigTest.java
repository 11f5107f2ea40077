package org.homeward.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void defaultsNeedNoConfiguration() {
        Config config = Config.fromEnvironment(Map.of());
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(config.database()).isEmpty();
        assertThat(config.simulatorMode()).isTrue();
        assertThat(config.telegramApiUrl()).isEqualTo(URI.create("https://api.telegram.org"));
        assertThat(config.webhook()).isEmpty();
    }

    @Test
    void readsEveryVariable() {
        Config config = Config.fromEnvironment(Map.of(
                "HTTP_PORT", "9090",
                "DATA_DIR", "/var/lib/homeward",
                "DATABASE_URL", "jdbc:postgresql://db:5432/homeward",
                "DATABASE_USER", "homeward",
                "DATABASE_PASSWORD", "s3cret",
                "TELEGRAM_BOT_TOKEN", "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11",
                "TELEGRAM_API_URL", "http://localhost:8081",
                "WEBHOOK_URL", "https://homeward.example.org/telegram",
                "WEBHOOK_SECRET", "abc_DEF-123"));
        assertThat(config.httpPort()).isEqualTo(9090);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/homeward"));
        assertThat(config.database()).hasValueSatisfying(db -> {
            assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/homeward");
            assertThat(db.user()).isEqualTo("homeward");
            assertThat(db.password()).isEqualTo("s3cret");
        });
        assertThat(config.simulatorMode()).isFalse();
        assertThat(config.telegramApiUrl()).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(config.webhook()).hasValueSatisfying(w -> assertThat(w.secret()).isEqualTo("abc_DEF-123"));
        // Secrets never reach a log through toString.
        assertThat(config.toString()).doesNotContain("s3cret", "abc_DEF-123");
    }

    @Test
    void eachBadValueIsNamedInOneLine() {
        assertBad(Map.of("HTTP_PORT", "eighty"), "HTTP_PORT");
        assertBad(Map.of("HTTP_PORT", "70000"), "HTTP_PORT");
        assertBad(Map.of("DATABASE_URL", "postgres://localhost/homeward"), "DATABASE_URL");
        assertBad(Map.of("DATABASE_USER", "homeward"), "DATABASE_USER");
        assertBad(Map.of("TELEGRAM_BOT_TOKEN", "not-a-token"), "TELEGRAM_BOT_TOKEN");
        assertBad(Map.of("TELEGRAM_API_URL", "ftp://example.org"), "TELEGRAM_API_URL");
        assertBad(Map.of("WEBHOOK_URL", "https://example.org/hook"), "WEBHOOK_SECRET");
        assertBad(Map.of("WEBHOOK_URL", "https://example.org/hook", "WEBHOOK_SECRET", "has spaces"), "WEBHOOK_SECRET");
        assertBad(Map.of("WEBHOOK_SECRET", "abc"), "WEBHOOK_SECRET is set but WEBHOOK_URL");
        assertBad(Map.of("WEBHOOK_URL", "not a url", "WEBHOOK_SECRET", "abc"), "WEBHOOK_URL");
    }

    @Test
    void aMalformedDatabaseUrlIsRefusedBeforeTheDriverSeesItAndItsPasswordIsNeverEchoed() {
        for (String url : new String[] {"jdbc:postgresql://db:5432/home/ward?password=s3cretPW",
                "jdbc:postgresql://db:5432?password=s3cretPW", "jdbc:postgresql://db:5432/homeward ?password=s3cretPW"}) {
            assertThatThrownBy(() -> Config.fromEnvironment(Map.of("DATABASE_URL", url)))
                    .isInstanceOf(ConfigException.class)
                    .message().startsWith("DATABASE_URL").doesNotContain("s3cretPW");
        }
        assertThat(Config.fromEnvironment(Map.of("DATABASE_URL", "jdbc:postgresql://db:5432/homeward?sslmode=require"))
                .database()).isPresent();
        assertThat(Config.fromEnvironment(Map.of("DATABASE_URL", "jdbc:postgresql:homeward")).database()).isPresent();
    }

    @Test
    void secretsAreMaskedInMessages() {
        assertThat(Secrets.redact("Connecting with URL: jdbc:postgresql://db/homeward?user=u&password=s3cret&ssl=true"))
                .isEqualTo("Connecting with URL: jdbc:postgresql://db/homeward?user=u&password=***&ssl=true");
        assertThat(Secrets.redact("postgresql://homeward:s3cret@db/homeward")).isEqualTo("postgresql://homeward:***@db/homeward");
        assertThat(Secrets.redact("GET https://api.telegram.org/bot123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11/getMe"))
                .isEqualTo("GET https://api.telegram.org/bot***/getMe");
    }

    @Test
    void aBadTokenIsNeverEchoed() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("TELEGRAM_BOT_TOKEN", "123:short")))
                .isInstanceOf(ConfigException.class)
                .message().doesNotContain("123:short");
    }

    @Test
    void aLogPseudonymKeyIsHexOfSixteenBytesOrMoreAndNeverEchoed() {
        String key = "00112233445566778899aabbccddeeff";
        assertThat(Config.fromEnvironment(Map.of("LOG_PSEUDONYM_KEY", key)).logPseudonymKey())
                .hasValueSatisfying(k -> assertThat(k.bytes()).hasSize(16));
        assertThat(Config.fromEnvironment(Map.of("LOG_PSEUDONYM_KEY", key)).toString()).doesNotContain(key);
        assertBad(Map.of("LOG_PSEUDONYM_KEY", "0011223344"), "LOG_PSEUDONYM_KEY");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LOG_PSEUDONYM_KEY", "zz112233445566778899aabbccddeeff")))
                .message().doesNotContain("zz1122");
    }

    @Test
    void theAdminSettingsAreCheckedAndThePasswordNeverEchoed() {
        Config config = Config.fromEnvironment(Map.of("ADMIN_EMAIL", "Boss@Example.org",
                "ADMIN_PASSWORD", " a long and quiet river ", "PUBLIC_URL", "https://homeward.example.org"));
        assertThat(config.admin().email()).hasValue("Boss@Example.org");
        assertThat(config.admin().password()).hasValue(" a long and quiet river "); // as given, spaces and all
        var admin = config.admin().toAdminConfig(8080);
        assertThat(admin.adminEmail()).hasValue("boss@example.org");
        assertThat(admin.behindTls()).isTrue();
        assertThat(config.toString()).doesNotContain("quiet river");
        assertThat(admin.toString()).doesNotContain("quiet river");
        assertThat(Config.fromEnvironment(Map.of()).admin().toAdminConfig(8080).publicUrl())
                .isEqualTo(URI.create("http://localhost:8080"));

        assertBad(Map.of("ADMIN_EMAIL", "not an address"), "ADMIN_EMAIL");
        assertBad(Map.of("ADMIN_PASSWORD", "a long and quiet river"), "ADMIN_PASSWORD is set but ADMIN_EMAIL");
        assertBad(Map.of("ADMIN_EMAIL", "boss@example.org", "ADMIN_PASSWORD", "short"), "ADMIN_PASSWORD");
        assertBad(Map.of("ADMIN_EMAIL", "boss@example.org", "ADMIN_PASSWORD", "password1234"), "ADMIN_PASSWORD");
        assertBad(Map.of("PUBLIC_URL", "homeward.example.org"), "PUBLIC_URL");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("ADMIN_EMAIL", "boss@example.org",
                "ADMIN_PASSWORD", "qwertyuiop123456"))).message().doesNotContain("qwertyuiop");
    }

    private static void assertBad(Map<String, String> env, String variable) {
        assertThatThrownBy(() -> Config.fromEnvironment(env))
                .isInstanceOf(ConfigException.class)
                .message()
                .startsWith(variable)
                .doesNotContain("\n");
    }

    @Test
    void broadcastSettingsDefaultAndAreChecked() {
        Config defaults = Config.fromEnvironment(Map.of());
        assertThat(defaults.broadcasts().approvalAbove()).isEqualTo(1000);
        assertThat(defaults.broadcasts().missedAfter()).isEqualTo(java.time.Duration.ofHours(6));
        assertThat(defaults.adminConfig(8080).broadcastApprovalAbove()).isEqualTo(1000);
        assertThat(defaults.adminConfig(8080).simulator()).isTrue();
        Config set = Config.fromEnvironment(Map.of("BROADCAST_APPROVAL_ABOVE", "50", "BROADCAST_MISSED_AFTER", "90"));
        assertThat(set.broadcasts().approvalAbove()).isEqualTo(50);
        assertThat(set.broadcasts().missedAfter()).isEqualTo(java.time.Duration.ofMinutes(90));
        assertThat(Config.fromEnvironment(Map.of("BROADCAST_MISSED_AFTER", "PT2H")).broadcasts().missedAfter())
                .isEqualTo(java.time.Duration.ofHours(2));
        for (String bad : new String[] {"-1", "many", "1e3"}) {
            assertThatThrownBy(() -> Config.fromEnvironment(Map.of("BROADCAST_APPROVAL_ABOVE", bad)))
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith("BROADCAST_APPROVAL_ABOVE");
        }
        for (String bad : new String[] {"0", "PT0S", "six hours", "-PT1H"}) {
            assertThatThrownBy(() -> Config.fromEnvironment(Map.of("BROADCAST_MISSED_AFTER", bad)))
                    .isInstanceOf(ConfigException.class).hasMessageStartingWith("BROADCAST_MISSED_AFTER");
        }
    }
}
