package org.homeward.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.homeward.admin.AdminConfig;

/**
 * Homeward's configuration, read from environment variables once at start and validated then.
 *
 * @param httpPort port of the admin web app, health, webhook and simulator (0 picks a free port)
 * @param dataDir embedded PostgreSQL data and other local state
 * @param database an external PostgreSQL server, or empty for the embedded one
 * @param telegramBotToken the bot's token, or empty for simulator mode
 * @param telegramApiUrl base URL of the Bot API
 * @param webhook webhook settings, or empty for long polling
 * @param logPseudonymKey the key of the chat pseudonyms in the logs, or empty for the key file in {@code dataDir}
 * @param admin the admin web app's settings: the first admin and the public URL
 * @param broadcasts the broadcasts' approval threshold and how late a scheduled one may still go
 */
public record Config(
        int httpPort,
        Path dataDir,
        Optional<ExternalDatabase> database,
        Optional<String> telegramBotToken,
        URI telegramApiUrl,
        Optional<Webhook> webhook,
        Optional<LogPseudonymKey> logPseudonymKey,
        Admin admin,
        Broadcasts broadcasts) {

    /**
     * Broadcasts' settings.
     *
     * @param approvalAbove BROADCAST_APPROVAL_ABOVE: a broadcast to more people needs a second member's approval
     * @param missedAfter BROADCAST_MISSED_AFTER: a scheduled broadcast later than this (Homeward was down) is marked
     *     missed instead of sent
     */
    public record Broadcasts(int approvalAbove, java.time.Duration missedAfter) {
        /** 1,000 people; 6 hours. */
        public static final Broadcasts DEFAULTS = new Broadcasts(1000, java.time.Duration.ofHours(6));
    }

    /** Without broadcast settings: the defaults. */
    public Config(int httpPort, Path dataDir, Optional<ExternalDatabase> database, Optional<String> telegramBotToken,
            URI telegramApiUrl, Optional<Webhook> webhook, Optional<LogPseudonymKey> logPseudonymKey, Admin admin) {
        this(httpPort, dataDir, database, telegramBotToken, telegramApiUrl, webhook, logPseudonymKey, admin,
                Broadcasts.DEFAULTS);
    }

    /**
     * The admin web app's settings, checked by {@link AdminConfig} when read.
     *
     * @param email ADMIN_EMAIL: the first admin's email, used only while there is no account
     * @param password ADMIN_PASSWORD: the first admin's password; unset, one is generated and printed once
     * @param publicUrl PUBLIC_URL: where staff reach Homeward; unset, http://localhost:HTTP_PORT
     */
    public record Admin(Optional<String> email, Optional<String> password, Optional<URI> publicUrl) {
        /** No first-admin settings, no public URL. */
        public static final Admin DEFAULTS = new Admin(Optional.empty(), Optional.empty(), Optional.empty());

        /** The admin app's configuration, once the real port is known. */
        public AdminConfig toAdminConfig(int httpPort) {
            return new AdminConfig(email, password, publicUrl.orElse(URI.create("http://localhost:" + httpPort)));
        }

        /** The password is never part of the text form. */
        @Override
        public String toString() {
            return "Admin[email=" + email.orElse("-") + ", publicUrl=" + publicUrl.map(URI::toString).orElse("-") + "]";
        }
    }

    /** Without admin settings: as before the admin app had any. */
    public Config(int httpPort, Path dataDir, Optional<ExternalDatabase> database, Optional<String> telegramBotToken,
            URI telegramApiUrl, Optional<Webhook> webhook, Optional<LogPseudonymKey> logPseudonymKey) {
        this(httpPort, dataDir, database, telegramBotToken, telegramApiUrl, webhook, logPseudonymKey, Admin.DEFAULTS);
    }

    /** Connection to a PostgreSQL server that Homeward does not run itself. */
    public record ExternalDatabase(String jdbcUrl, String user, String password) {
        /** The password is never part of the text form, so it cannot reach a log. */
        @Override
        public String toString() {
            return "ExternalDatabase[user=" + user + "]";
        }
    }

    /** Webhook mode: Telegram posts updates to {@code url}, proving itself with {@code secret}. */
    public record Webhook(URI url, String secret) {
        @Override
        public String toString() {
            return "Webhook[url=" + url + "]";
        }
    }

    /** The key of the chat pseudonyms in the logs: shared by instances that should log the same person alike. */
    public record LogPseudonymKey(byte[] bytes) {
        /** Never part of the text form. */
        @Override
        public String toString() {
            return "LogPseudonymKey[secret]";
        }
    }

    static final String DEFAULT_TELEGRAM_API_URL = "https://api.telegram.org";

    // https://jdbc.postgresql.org/documentation/use/#connecting-to-the-database: jdbc:postgresql:database,
    // jdbc:postgresql://host[:port][,host[:port]…]/database, each with optional ?parameters.
    private static final Pattern JDBC_URL = Pattern.compile(
            "jdbc:postgresql:(//[^/?#\\s]+/[^/?#\\s]*|[^/?#\\s]+)(\\?[^#\\s]*)?");
    // https://core.telegram.org/bots/api#authorizing-your-bot: "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"
    private static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}");
    // https://core.telegram.org/bots/api#setwebhook: secret_token is 1-256 of A-Z, a-z, 0-9, _ and -
    private static final Pattern WEBHOOK_SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    public Config {
        Objects.requireNonNull(dataDir);
        Objects.requireNonNull(database);
        Objects.requireNonNull(telegramBotToken);
        Objects.requireNonNull(telegramApiUrl);
        Objects.requireNonNull(webhook);
        Objects.requireNonNull(logPseudonymKey);
        Objects.requireNonNull(admin);
        Objects.requireNonNull(broadcasts);
    }

    /** The defaults: embedded PostgreSQL under {@code dataDir}, simulator mode, long polling. */
    public static Config defaults(int httpPort, Path dataDir) {
        return new Config(httpPort, dataDir, Optional.empty(), Optional.empty(),
                URI.create(DEFAULT_TELEGRAM_API_URL), Optional.empty(), Optional.empty());
    }

    /** True when no bot token is set: Homeward runs its own fake Bot API and the simulator page. */
    public boolean simulatorMode() {
        return telegramBotToken.isEmpty();
    }

    /**
     * Reads and validates the configuration.
     *
     * @throws ConfigException naming the first wrong variable
     */
    public static Config fromEnvironment(Map<String, String> env) {
        int httpPort = port(env, "HTTP_PORT", 8080);
        Path dataDir = path(env, "DATA_DIR", "./data");

        Optional<ExternalDatabase> database = value(env, "DATABASE_URL").map(url -> {
            // Checked here, before the driver sees it: the driver's own warning about a malformed URL prints the
            // URL whole, password included. Never echoed back either.
            if (!JDBC_URL.matcher(url).matches()) {
                throw new ConfigException("DATABASE_URL must be a PostgreSQL JDBC URL such as "
                        + "jdbc:postgresql://localhost:5432/homeward (host, optional port, one database name)");
            }
            return new ExternalDatabase(url, value(env, "DATABASE_USER").orElse(null),
                    value(env, "DATABASE_PASSWORD").orElse(null));
        });
        if (database.isEmpty()) {
            for (String name : new String[] {"DATABASE_USER", "DATABASE_PASSWORD"}) {
                if (value(env, name).isPresent()) {
                    throw new ConfigException(name + " is set but DATABASE_URL is not; set DATABASE_URL too, "
                            + "or unset " + name + " to use the embedded database");
                }
            }
        }

        Optional<String> token = value(env, "TELEGRAM_BOT_TOKEN");
        token.ifPresent(t -> {
            if (!TOKEN.matcher(t).matches()) {
                // Never echo the token: it is a secret.
                throw new ConfigException("TELEGRAM_BOT_TOKEN is not a bot token (expected digits, a colon, "
                        + "then letters, digits, _ or -, as given by @BotFather)");
            }
        });
        URI apiUrl = httpUrl(env, "TELEGRAM_API_URL", DEFAULT_TELEGRAM_API_URL);

        Optional<URI> webhookUrl = value(env, "WEBHOOK_URL").map(v -> httpUrl(env, "WEBHOOK_URL", v));
        Optional<String> secret = value(env, "WEBHOOK_SECRET");
        Optional<Webhook> webhook = Optional.empty();
        if (webhookUrl.isPresent()) {
            String s = secret.orElseThrow(() -> new ConfigException(
                    "WEBHOOK_SECRET must be set when WEBHOOK_URL is: Telegram sends it back so forged updates are refused"));
            if (!WEBHOOK_SECRET.matcher(s).matches()) {
                throw new ConfigException("WEBHOOK_SECRET must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -");
            }
            webhook = Optional.of(new Webhook(webhookUrl.get(), s));
        } else if (secret.isPresent()) {
            throw new ConfigException("WEBHOOK_SECRET is set but WEBHOOK_URL is not; set both for webhook mode, "
                    + "or neither for long polling");
        }
        Optional<LogPseudonymKey> logKey = value(env, "LOG_PSEUDONYM_KEY").map(v -> {
            if (!v.matches("([0-9a-fA-F]{2}){16,64}")) {
                // Never echo the key: it is a secret.
                throw new ConfigException("LOG_PSEUDONYM_KEY must be 32 to 128 hexadecimal digits (16 to 64 bytes)");
            }
            return new LogPseudonymKey(java.util.HexFormat.of().parseHex(v));
        });
        Optional<URI> publicUrl = value(env, "PUBLIC_URL").map(v -> httpUrl(env, "PUBLIC_URL", v));
        // The password as given, spaces and all: only a blank one counts as unset.
        Optional<String> adminPassword = Optional.ofNullable(env.get("ADMIN_PASSWORD")).filter(v -> !v.isBlank());
        Admin admin = new Admin(value(env, "ADMIN_EMAIL"), adminPassword, publicUrl);
        try {
            admin.toAdminConfig(httpPort); // checks the email and the password's strength, never echoing it
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        Broadcasts broadcasts = new Broadcasts(count(env, "BROADCAST_APPROVAL_ABOVE", Broadcasts.DEFAULTS.approvalAbove()),
                duration(env, "BROADCAST_MISSED_AFTER", Broadcasts.DEFAULTS.missedAfter()));
        return new Config(httpPort, dataDir, database, token, apiUrl, webhook, logKey, admin, broadcasts);
    }

    /** The admin app's configuration for this run: its settings, the broadcasts' threshold, simulator or not. */
    public AdminConfig adminConfig(int port) {
        return admin.toAdminConfig(port).withBroadcasts(broadcasts.approvalAbove(), simulatorMode());
    }

    private static int count(Map<String, String> env, String name, int defaultValue) {
        Optional<String> v = value(env, name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(name + " must be a whole number of people, 0 or more, got \"" + v.get() + "\"");
    }

    /** Minutes (a whole number) or an ISO-8601 duration such as PT6H. */
    private static java.time.Duration duration(Map<String, String> env, String name, java.time.Duration defaultValue) {
        Optional<String> v = value(env, name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            java.time.Duration d = v.get().matches("[0-9]{1,7}") ? java.time.Duration.ofMinutes(Long.parseLong(v.get()))
                    : java.time.Duration.parse(v.get());
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (RuntimeException ignored) {
            // reported below
        }
        throw new ConfigException(name + " must be a number of minutes or an ISO-8601 duration such as PT6H, more than"
                + " zero, got \"" + v.get() + "\"");
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static int port(Map<String, String> env, String name, int defaultValue) {
        Optional<String> v = value(env, name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            int port = Integer.parseInt(v.get());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(name + " must be a port number from 0 to 65535, got \"" + v.get() + "\"");
    }

    private static Path path(Map<String, String> env, String name, String defaultValue) {
        String v = value(env, name).orElse(defaultValue);
        try {
            return Path.of(v).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            throw new ConfigException(name + " is not a usable path: \"" + v + "\"");
        }
    }

    // Telegram's cloud accepts only https webhooks and says so in setWebhook's answer; a local Bot API
    // server (https://github.com/tdlib/telegram-bot-api) and our fake accept http too.
    private static URI httpUrl(Map<String, String> env, String name, String defaultValue) {
        String v = value(env, name).orElse(defaultValue);
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme();
            boolean ok = uri.getHost() != null && ("https".equals(scheme) || "http".equals(scheme));
            if (ok) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw new ConfigException(name + " must be an http or https URL, got \"" + v + "\"");
    }
}
