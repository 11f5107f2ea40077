package org.homeward.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.homeward.admin.account.Accounts;
import org.homeward.admin.account.Passwords;
import org.homeward.admin.web.AdminHandler;
import org.homeward.admin.web.Route;
import org.homeward.core.registrations.NameKeys;
import org.homeward.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff web app: {@link #start} makes the first admin when there is no account, then {@link #handler()} serves
 * every page under /admin. It stands on the core and the database only, never on the bot.
 */
public final class AdminApp {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApp.class);
    // No look-alikes (0/O, 1/l/I): the generated password is read off a terminal and typed.
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final List<Route> routes;
    private final AdminHandler handler;

    private AdminApp(List<Route> routes, AdminHandler handler) {
        this.routes = routes;
        this.handler = handler;
    }

    /**
     * Prepares the app on {@code database}. With no account yet, creates the first admin from the configuration,
     * or with a generated password printed once to {@code console} (standard output, not the log).
     */
    public static AdminApp start(Database database, AdminConfig config, Clock clock, PrintStream console) {
        return start(database, config, clock, console, Passwords.owasp());
    }

    static AdminApp start(Database database, AdminConfig config, Clock clock, PrintStream console, Passwords passwords) {
        createFirstAdmin(database, config, clock, console, passwords);
        // Names stored before search keys existed get theirs (a no-op once done).
        int keyed = NameKeys.backfill(database.dsl());
        if (keyed > 0) {
            LOG.info("gave {} travellers their name search key", keyed);
        }
        List<Route> routes = AdminRoutes.table(database, config, passwords);
        return new AdminApp(routes, new AdminHandler(database, routes, clock, config.behindTls()));
    }

    /** The handler to mount at /admin (it takes /admin and everything under it, and declines other paths). */
    public Handler handler() {
        return handler;
    }

    /** The route table, for the role matrix test. */
    List<Route> routes() {
        return routes;
    }

    /**
     * A server on {@code port} (0 picks a free one) serving only the admin app, not started: for tests. Homeward
     * itself mounts {@link #handler()} on its own server.
     */
    public static Server newServer(int port, AdminApp app) throws IOException {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(app.handler());
        server.setStopTimeout(2_000);
        connector.open();
        return server;
    }

    private static void createFirstAdmin(Database database, AdminConfig config, Clock clock, PrintStream console,
            Passwords passwords) {
        Accounts accounts = new Accounts(database);
        if (!accounts.all().isEmpty()) {
            return;
        }
        String email = config.adminEmail().orElse(AdminConfig.DEFAULT_ADMIN_EMAIL);
        String password = config.adminPassword().orElseGet(AdminApp::generatedPassword);
        if (accounts.createFirstAdmin(email, passwords.hash(password), clock.instant())) {
            if (config.adminPassword().isPresent()) {
                LOG.info("created the first admin account from ADMIN_EMAIL and ADMIN_PASSWORD");
            } else {
                // Printed, never logged: logs are kept and shipped; this is shown once, to whoever starts Homeward.
                console.println();
                console.println("Homeward admin: log in at " + config.publicUrl().toString().replaceAll("/+$", "")
                        + "/admin/ as " + email + " with the password " + password);
                console.println("(shown this once; set ADMIN_EMAIL and ADMIN_PASSWORD before the first start to choose them)");
                console.println();
                console.flush();
            }
        }
    }

    private static String generatedPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                p.append('-');
            }
            p.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return p.toString();
    }
}
