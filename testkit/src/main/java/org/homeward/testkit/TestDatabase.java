package org.homeward.testkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;

/** A database of its own for one test class, on the shared embedded server; close drops it. */
public final class TestDatabase implements AutoCloseable {
    private final EmbeddedPostgres server;
    private final String name;
    private final HikariDataSource pool;

    TestDatabase(EmbeddedPostgres server, String name) {
        this.server = server;
        this.name = name;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl());
        config.setUsername(user());
        config.setMaximumPoolSize(16);
        config.setMinimumIdle(1);
        config.setPoolName(name);
        this.pool = new HikariDataSource(config);
    }

    /** JDBC URL of this database, for code under test that opens its own pool. */
    public String jdbcUrl() {
        return server.getJdbcUrl("postgres", name);
    }

    /** The database user (the embedded server's superuser; it has no password). */
    public String user() {
        return "postgres";
    }

    /** A pooled data source on this database. */
    public DataSource dataSource() {
        return pool;
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    @Override
    public void close() {
        pool.close();
        TestPostgres.execute(server.getPostgresDatabase(), "drop database if exists " + name + " with (force)");
    }
}
