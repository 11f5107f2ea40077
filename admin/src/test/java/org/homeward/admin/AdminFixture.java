package org.homeward.admin;

import static org.homeward.db.jooq.Tables.STAFF_ACCOUNT;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.homeward.admin.account.Passwords;
import org.homeward.admin.account.Totp;
import org.homeward.admin.web.Role;
import org.homeward.db.Database;
import org.homeward.testkit.MutableClock;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;

/**
 * The admin app on a real Jetty on port 0 and a fresh PostgreSQL database, with a clock the test moves; close
 * stops the server and drops the database.
 */
final class AdminFixture implements AutoCloseable {
    static final String PASSWORD = "correct horse battery staple";
    /** Hashing at OWASP's cost on every account made by a test adds up; these accounts share one hash. */
    private static volatile String sharedHash;

    final TestDatabase testDatabase;
    final Database database;
    final MutableClock clock;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final Passwords passwords;
    final AdminApp app;
    final Server server;
    final boolean secure;

    private AdminFixture(TestDatabase testDatabase, Database database, MutableClock clock, AdminConfig config,
            Passwords passwords) throws Exception {
        this.clock = clock;
        this.testDatabase = testDatabase;
        this.database = database;
        this.passwords = passwords;
        this.secure = config.behindTls();
        this.app = AdminApp.start(database, config, clock, new PrintStream(console, true, StandardCharsets.UTF_8),
                passwords);
        this.server = AdminApp.newServer(0, app);
        server.start();
    }

    /** A new database, the app over plain http (dev mode). */
    static AdminFixture start() throws Exception {
        return start(AdminConfig.local(0));
    }

    static AdminFixture start(AdminConfig config) throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        Database database = Database.connect(db.jdbcUrl(), db.user(), null, 8);
        return new AdminFixture(db, database, new MutableClock(Instant.parse("2026-09-01T08:00:00Z")), config,
                Passwords.owasp());
    }

    /** A second instance on the same database (as behind a load balancer), sharing this fixture's clock. */
    AdminFixture secondInstance() throws Exception {
        Database other = Database.connect(testDatabase.jdbcUrl(), testDatabase.user(), null, 4);
        return new AdminFixture(null, other, clock, AdminConfig.local(0), passwords);
    }

    URI base() {
        return URI.create("http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    Browser browser() {
        return new Browser(base(), secure);
    }

    /** Creates an account that can log in with {@link #PASSWORD}; {@code totpSecret} may be null. */
    long account(String email, Role role, String language, String totpSecret) {
        if (sharedHash == null) {
            sharedHash = passwords.hash(PASSWORD);
        }
        return database.dsl().insertInto(STAFF_ACCOUNT)
                .set(STAFF_ACCOUNT.EMAIL, email)
                .set(STAFF_ACCOUNT.ROLE, role.code())
                .set(STAFF_ACCOUNT.LANGUAGE, language)
                .set(STAFF_ACCOUNT.PASSWORD_HASH, sharedHash)
                .set(STAFF_ACCOUNT.TOTP_SECRET, totpSecret)
                .set(STAFF_ACCOUNT.CREATED_AT, clock.instant())
                .set(STAFF_ACCOUNT.UPDATED_AT, clock.instant())
                .returning(STAFF_ACCOUNT.ID).fetchOne().getId();
    }

    /** A browser logged in as a new account of {@code role} (admins with a second factor, as they must). */
    Browser loggedIn(String email, Role role) throws Exception {
        String secret = role == Role.ADMIN ? Totp.newSecret() : null;
        account(email, role, "en", secret);
        Browser b = browser();
        b.login(email, PASSWORD);
        if (secret != null) {
            b.get("/admin/login/totp");
            b.post("/admin/login/totp", "code", Totp.code(secret, clock.instant()));
        }
        return b;
    }

    Optional<String> consoleText() {
        String text = console.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the admin test server did not stop", e);
        } finally {
            database.close();
            if (testDatabase != null) {
                testDatabase.close();
            }
        }
    }
}
