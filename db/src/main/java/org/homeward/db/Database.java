package org.homeward.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** Homeward's database: a connection pool, migrated to the latest schema, and a jOOQ context on it. */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final DSLContext dsl;

    /**
     * One connection of its own for {@link #isReachable()}, with a one-second timeout: the main pool waits up to
     * ten seconds for a connection, and a load balancer must hear that the database is away within two.
     */
    private final HikariDataSource health;

    /**
     * A few connections whose commits do not wait for the disk (synchronous_commit off,
     * https://www.postgresql.org/docs/current/wal-async-commit.html): for bookkeeping whose loss in a crash of
     * PostgreSQL itself only repeats work, such as noting that a reply went out. Such a commit survives a crash of
     * Homeward; it can be lost only with the last fraction of a second before PostgreSQL stops abruptly.
     */
    private final HikariDataSource lazy;
    private final DSLContext lazyDsl;

    private Database(HikariDataSource pool, HikariDataSource health, HikariDataSource lazy) {
        this.health = health;
        this.pool = pool;
        this.lazy = lazy;
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
        this.lazyDsl = DSL.using(lazy, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
    }

    /**
     * Connects to PostgreSQL and applies any pending migrations.
     *
     * @throws DatabaseUnavailableException when the server cannot be reached or the login is refused
     */
    public static Database connect(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("homeward");
        config.setConnectionTimeout(10_000);
        // Fail at start, not at the first request, when the database is unreachable.
        config.setInitializationFailTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException(rootMessage(e), e);
        }
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        HikariConfig probe = new HikariConfig();
        probe.setJdbcUrl(jdbcUrl);
        probe.setUsername(user);
        probe.setPassword(password);
        probe.setPoolName("homeward-health");
        probe.setMaximumPoolSize(1);
        probe.setMinimumIdle(0);
        probe.setConnectionTimeout(1_000);
        probe.setValidationTimeout(500);
        // Started now, connected at the first health check: never a reason for the start to fail.
        probe.setInitializationFailTimeout(-1);
        HikariConfig lazy = new HikariConfig();
        lazy.setJdbcUrl(jdbcUrl);
        lazy.setUsername(user);
        lazy.setPassword(password);
        lazy.setPoolName("homeward-lazy-commit");
        lazy.setMaximumPoolSize(Math.max(2, poolSize / 2));
        lazy.setConnectionTimeout(10_000);
        lazy.setConnectionInitSql("set synchronous_commit = off");
        lazy.setInitializationFailTimeout(-1);
        return new Database(pool, new HikariDataSource(probe), new HikariDataSource(lazy));
    }

    /** Applies the migrations in {@code db/migration} to the given database. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** The jOOQ context for queries. */
    public DSLContext dsl() {
        return dsl;
    }

    /**
     * A jOOQ context whose commits do not wait for the disk: only for bookkeeping that may be lost with the last
     * fraction of a second before a crash of PostgreSQL (never of Homeward), since losing it only repeats work.
     */
    public DSLContext lazyCommitDsl() {
        return lazyDsl;
    }

    /** The pooled data source. */
    public DataSource dataSource() {
        return pool;
    }

    /** True when a trivial query succeeds within about a second. */
    public boolean isReachable() {
        try (Connection c = health.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            s.execute("select 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        health.close();
        lazy.close();
        pool.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
