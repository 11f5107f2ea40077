package org.homeward.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One embedded PostgreSQL per test JVM, and a fresh migrated database for each caller.
 *
 * <p>The migrations run once, into a template database; each {@link #newDatabase()} is then a
 * {@code CREATE DATABASE … TEMPLATE}, a file copy that takes milliseconds however many migrations there are.
 */
public final class TestPostgres {
    private static final String TEMPLATE = "homeward_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {}

    /** Creates a new database, migrated to the latest schema, on the shared embedded server. */
    public static TestDatabase newDatabase() {
        EmbeddedPostgres pg = server();
        String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute(pg.getPostgresDatabase(), "create database " + name + " template " + TEMPLATE);
        return new TestDatabase(pg, name);
    }

    /** Creates a new empty database (no migrations applied), for tests of the migrations themselves. */
    public static TestDatabase newEmptyDatabase() {
        EmbeddedPostgres pg = server();
        String name = "empty_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute(pg.getPostgresDatabase(), "create database " + name);
        return new TestDatabase(pg, name);
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        // Tests may open many connections at once (one pool per test class, parallel chats).
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
                execute(pg.getPostgresDatabase(), "create database " + TEMPLATE);
                Flyway.configure()
                        .dataSource(pg.getDatabase("postgres", TEMPLATE))
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // The JVM is exiting; zonky also removes its temporary data directory.
                    }
                }, "test-postgres-stop"));
                server = pg;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL for tests", e);
            }
        }
        return server;
    }

    static void execute(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
