package org.homeward.app;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.homeward.db.Database;
import org.homeward.db.DatabaseUnavailableException;
import org.homeward.db.EmbeddedPostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Homeward: database, bot and web server, started in order and stopped in reverse. */
public final class Homeward implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Homeward.class);
    private static final int POOL_SIZE = 20;

    private final Deque<AutoCloseable> stopOrder = new ArrayDeque<>();
    private Database database;
    private Server server;

    private Homeward() {}

    /**
     * Starts everything the configuration asks for.
     *
     * @throws ConfigException when a configured resource (port, database) cannot be used; nothing is left running
     */
    public static Homeward start(Config config) {
        Homeward homeward = new Homeward();
        try {
            homeward.startAll(config);
            return homeward;
        } catch (RuntimeException e) {
            homeward.close();
            throw e;
        }
    }

    private void startAll(Config config) {
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

        Map<String, Handler> routes = new LinkedHashMap<>();
        routes.put("/healthz", new HealthHandler(database));
        server.setHandler(HttpServer.routes(routes));
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the web server", e);
        }
        LOG.info("Homeward is running at http://localhost:{}/ ({} database)", httpPort(),
                config.database().isPresent() ? "external" : "embedded");
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
        } catch (RuntimeException e) {
            throw new ConfigException("DATA_DIR: the embedded PostgreSQL in " + config.dataDir().resolve("postgres")
                    + " did not start: " + oneLine(rootMessage(e)), e);
        }
    }

    /** The port the web server listens on (the real one when the configuration asked for 0). */
    public int httpPort() {
        return HttpServer.port(server);
    }

    /** The database, for tests and tools that run beside Homeward. */
    public Database database() {
        return database;
    }

    /** Stops the web server, then the bot, then the database, each even if an earlier one failed. */
    @Override
    public synchronized void close() {
        while (!stopOrder.isEmpty()) {
            AutoCloseable next = stopOrder.pop();
            try {
                next.close();
            } catch (Exception e) {
                LOG.warn("error while stopping: {}", oneLine(rootMessage(e)));
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
