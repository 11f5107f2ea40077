package org.homeward.app;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.homeward.admin.AdminApp;
import org.homeward.admin.broadcasts.BroadcastActions;
import org.homeward.bot.conversation.Conversation;
import org.homeward.bot.delivery.Delivery;
import org.homeward.bot.delivery.DeliveryConfig;
import org.homeward.bot.delivery.MetricsHandler;
import org.homeward.bot.transport.TelegramClients;
import org.homeward.bot.transport.Transport;
import org.homeward.core.departures.Reminders;
import org.homeward.core.jobs.Jobs;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.people.ChatPseudonym;
import org.homeward.core.retention.Retention;
import org.homeward.db.DataDirectoryInUseException;
import org.homeward.db.Database;
import org.homeward.db.DatabaseUnavailableException;
import org.homeward.db.EmbeddedPostgresServer;
import org.homeward.telegram.fake.FakeTelegram;
import org.homeward.telegram.fake.SimulatorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** A running Homeward: database, bot and web server, started in order and stopped in reverse. */
public final class Homeward implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Homeward.class);
    /** The bot token of the built-in simulator: not a real token, it never leaves this process. */
    static final String SIMULATOR_TOKEN = "1000000001:HOMEWARD-simulator-not-a-real-token";
    private static final int POOL_SIZE = 20;
    /** How often this instance looks for a job run that fell due. */
    private static final Duration JOBS_POLLING = Duration.ofSeconds(1);

    private final Deque<AutoCloseable> stopOrder = new ArrayDeque<>();
    private Database database;
    private Server server;
    private FakeTelegram simulator;

    Homeward() {}

    /**
     * Starts everything the configuration asks for.
     *
     * @throws ConfigException when a configured resource (port, database) cannot be used; nothing is left running
     */
    public static Homeward start(Config config) {
        return start(config, DeliveryConfig.defaults());
    }

    /** As {@link #start(Config)}, with another delivery configuration (the trainer lifts the bot-wide rate). */
    static Homeward start(Config config, DeliveryConfig deliveryConfig) {
        Homeward homeward = new Homeward();
        homeward.startAll(config, deliveryConfig);
        return homeward;
    }

    /**
     * Starts everything in order; on failure stops what had started and throws. Synchronized with
     * {@link #close()}, so a SIGTERM during start-up waits for it and then stops everything.
     */
    synchronized void startAll(Config config) {
        startAll(config, DeliveryConfig.defaults());
    }

    private synchronized void startAll(Config config, DeliveryConfig deliveryConfig) {
        try {
            startInOrder(config, deliveryConfig);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startInOrder(Config config, DeliveryConfig deliveryConfig) {
        usePseudonymKey(config);
        String jdbcUrl;
        String user;
        String password;
        if (config.database().isPresent()) {
            Config.ExternalDatabase external = config.database().get();
            jdbcUrl = external.jdbcUrl();
            user = external.user();
            password = external.password();
        } else {
            EmbeddedPostgresServer embedded = startEmbedded(config);
            stopOrder.push(embedded);
            jdbcUrl = embedded.jdbcUrl();
            user = embedded.user();
            password = null;
        }
        try {
            database = Database.connect(jdbcUrl, user, password, POOL_SIZE);
        } catch (DatabaseUnavailableException e) {
            String variable = config.database().isPresent() ? "DATABASE_URL" : "DATA_DIR";
            throw new ConfigException(variable + ": cannot connect to PostgreSQL: " + oneLine(e.getMessage()), e);
        }
        stopOrder.push(database);

        try {
            server = HttpServer.newServer(config.httpPort());
        } catch (IOException e) {
            throw new ConfigException("HTTP_PORT " + config.httpPort() + " cannot be used: "
                    + oneLine(rootMessage(e)) + " (is another program using it?)", e);
        }
        stopOrder.push(server::stop);

        int port = HttpServer.port(server);

        // Simulator mode: the fake Bot API runs inside Homeward, on its own port, and the real bot talks to it
        // over HTTP exactly as it would to Telegram.
        String token;
        URI apiUrl;
        if (config.simulatorMode()) {
            simulator = FakeTelegram.inProcess();
            simulator.baseUrl(URI.create("http://localhost:" + port));
            simulator.bot(SIMULATOR_TOKEN);
            // Closed before the web server stops: it ends the long poll the fake holds open for the bot, whose
            // client has gone by then, so the server's graceful stop does not wait 5 s for it.
            stopOrder.push(simulator);
            token = SIMULATOR_TOKEN;
            apiUrl = simulator.baseUrl();
        } else {
            token = config.telegramBotToken().orElseThrow();
            apiUrl = config.telegramApiUrl();
        }
        OkHttpClient http = TelegramClients.okHttp();
        stopOrder.push(() -> {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        });
        // Proactive messages (broadcasts, departure notices) go through the delivery engine; replies take their
        // slots from the same bot-wide budget, ahead of bulk sends.
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Counters kept on the global registry (the conversation's) show on /metrics too, while this instance runs.
        Metrics.addRegistry(metrics);
        stopOrder.push(() -> Metrics.removeRegistry(metrics));
        Delivery delivery = Delivery.create(deliveryConfig, database.dataSource(), http, token, apiUrl,
                metrics);
        stopOrder.push(delivery);
        Conversation conversation = new Conversation(Clock.systemUTC());
        Transport transport = new Transport(database, http, new Transport.Settings(token, apiUrl,
                config.webhook().map(w -> new Transport.Webhook(w.url(), w.secret()))), conversation,
                delivery.rateLimiter()::acquireReply);
        // Popped first: stop polling (cancelling the long poll in flight, which in simulator mode would hold
        // the web server's graceful stop) and finish the updates in hand, before the web server stops. A webhook
        // arriving meanwhile is stored but answered 503, and Telegram sends it again after the restart.
        stopOrder.push(transport);

        // The staff web app; on a first start with no account it makes the first admin, printing a generated
        // password to standard output (never to the log) when ADMIN_PASSWORD is not set.
        AdminApp admin = AdminApp.start(database, config.adminConfig(port), Clock.systemUTC(), System.out);

        Map<String, Handler> routes = new LinkedHashMap<>();
        routes.put("/admin", admin.handler());
        routes.put("/admin/*", admin.handler());
        routes.put("/healthz", new HealthHandler(database));
        routes.put("/metrics", new MetricsHandler(metrics));
        if (simulator != null) {
            Handler page = new SimulatorHandler(simulator, SIMULATOR_TOKEN);
            routes.put("/simulator", page);
            routes.put("/simulator/*", page);
        }
        transport.webhookPath().ifPresent(path -> routes.put(path, transport.webhookHandler().orElseThrow()));
        // The fake Bot API answers /bot<token>/<method>; "/" leads to the admin app, or in simulator mode to a page
        // offering both the simulator and the admin app. Each declines every other path.
        server.setHandler(simulator == null ? HttpServer.routes(routes, new RedirectHandler("/admin/"))
                : HttpServer.routes(routes, simulator.handler(), new LandingHandler()));
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the web server", e);
        }
        delivery.start();
        try {
            transport.start();
        } catch (TelegramApiException e) {
            throw new ConfigException(refusedBy(e, config) + ": Telegram refused to start the bot: "
                    + oneLine(rootMessage(e)), e);
        }
        // Persistent jobs, run once across instances; each feature adds its own here.
        List<Jobs.Job> jobs = new ArrayList<>();
        // Retention (issue 13): registrations' personal data deleted the configured months after departure or cancel.
        jobs.add(Jobs.Job.daily("retention", LocalTime.of(3, 0), ZoneOffset.UTC,
                () -> new Retention(database.dsl(), Clock.systemUTC()).run()));
        // Departure reminders 24 h and 2 h before (issue 13); each claimed once on its departure row.
        Reminders reminders = new Reminders(database.dsl(), new Outbox(), Clock.systemUTC());
        jobs.add(Jobs.Job.every(Reminders.JOB, Reminders.EVERY, reminders::run));
        // Scheduled broadcasts: sent when due, or marked missed when Homeward was down too long past their time.
        jobs.add(Jobs.Job.every("broadcasts-due", Duration.ofSeconds(10),
                BroadcastActions.dueJob(database, Clock.systemUTC(), config.broadcasts().missedAfter(),
                        config.broadcasts().approvalAbove())));
        stopOrder.push(Jobs.start(database.dataSource(), jobs, JOBS_POLLING));
        if (simulator != null) {
            LOG.info("simulator mode (no TELEGRAM_BOT_TOKEN): open http://localhost:{}/simulator to chat with the bot", port);
        }
        LOG.info("Homeward is running at http://localhost:{}/ (admin app at /admin/; {} database)", httpPort(),
                config.database().isPresent() ? "external" : "embedded");
    }

    /**
     * Chat ids are personal data, so logs name a chat by a keyed pseudonym: the configured key, or one kept in
     * DATA_DIR (made on first start) so a person's lines can be followed across restarts.
     */
    private static void usePseudonymKey(Config config) {
        if (config.logPseudonymKey().isPresent()) {
            ChatPseudonym.useKey(config.logPseudonymKey().get().bytes());
            return;
        }
        Path file = config.dataDir().resolve("log-pseudonym.key");
        try {
            Files.createDirectories(config.dataDir());
            if (!Files.exists(file)) {
                Path fresh = Files.createTempFile(config.dataDir(), "log-pseudonym", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(fresh, HexFormat.of().formatHex(ChatPseudonym.newKey()));
                try {
                    // Atomic, so two instances starting at once end up with one key.
                    Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    Files.deleteIfExists(fresh);
                }
            }
            ChatPseudonym.useKey(HexFormat.of().parseHex(Files.readString(file).strip()));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("DATA_DIR " + config.dataDir() + ": the log pseudonym key " + file.getFileName()
                    + " cannot be read or written (" + e.getClass().getSimpleName() + "); fix or delete it, or set LOG_PSEUDONYM_KEY", e);
        }
    }

    private static EmbeddedPostgresServer startEmbedded(Config config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new ConfigException("DATA_DIR " + config.dataDir() + " cannot be created: " + oneLine(rootMessage(e)), e);
        }
        if (!Files.isWritable(config.dataDir())) {
            throw new ConfigException("DATA_DIR " + config.dataDir() + " is not writable");
        }
        try {
            return EmbeddedPostgresServer.start(config.dataDir().resolve("postgres"));
        } catch (DataDirectoryInUseException e) {
            throw new ConfigException("DATA_DIR " + config.dataDir() + " is in use by another running Homeward (pid "
                    + e.owner() + "): stop that one first, or give this one a DATA_DIR of its own", e);
        } catch (RuntimeException e) {
            throw new ConfigException("DATA_DIR: the embedded PostgreSQL in " + config.dataDir().resolve("postgres")
                    + " did not start: " + oneLine(rootMessage(e)), e);
        }
    }

    /** The port the web server listens on (the real one when the configuration asked for 0). */
    public int httpPort() {
        return HttpServer.port(server);
    }

    /** The built-in fake Bot API in simulator mode (for the start-up trainer), else empty. */
    Optional<FakeTelegram> simulator() {
        return Optional.ofNullable(simulator);
    }

    /** The database, for tests and tools that run beside Homeward. */
    public Database database() {
        return database;
    }

    /**
     * Stops in the reverse order of starting, each part even if an earlier one failed: the transport and the
     * delivery engine, the HTTP client, the simulator's fake, the web server, then the database.
     */
    @Override
    public synchronized void close() {
        PollingStopFilter.stopping(true);
        try {
            while (!stopOrder.isEmpty()) {
                AutoCloseable next = stopOrder.pop();
                try {
                    next.close();
                } catch (Exception e) {
                    LOG.warn("error while stopping: {}", oneLine(rootMessage(e)));
                }
            }
        } finally {
            PollingStopFilter.stopping(false);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * Which setting Telegram's refusal is about: 401 is the token (https://core.telegram.org/bots/api#authorizing-your-bot),
     * a refused webhook is WEBHOOK_URL, and no answer at all, or one that is not the Bot API's, is the API URL.
     */
    static String refusedBy(TelegramApiException e, Config config) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof TelegramApiRequestException r && r.getErrorCode() != null) {
                if (r.getErrorCode() == 401) {
                    return "TELEGRAM_BOT_TOKEN";
                }
                return config.webhook().isPresent() && r.getErrorCode() == 400 ? "WEBHOOK_URL" : "TELEGRAM_API_URL";
            }
        }
        return "TELEGRAM_API_URL";
    }

    /** One line, and never a password: a driver's message may quote a connection URL. */
    static String oneLine(String message) {
        return message == null ? "" : Secrets.redact(message.replaceAll("\\s*\\R\\s*", " ").strip());
    }
}
