package org.homeward.app;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** Starts Homeward from environment variables; see the README for the variables. */
public final class Main {
    private Main() {}

    /** Entry point: exit code 2 for a bad configuration value, 1 when a configured resource cannot be used. */
    public static void main(String[] args) {
        // Flyway and Jetty log through java.util.logging or SLF4J; route everything through one place.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Config config;
        try {
            config = Config.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println("homeward: " + e.getMessage());
            System.exit(2);
            return;
        }
        // SIGTERM and Ctrl-C, even during start-up: stop in order so the embedded PostgreSQL is never left running.
        Homeward homeward = new Homeward();
        Runtime.getRuntime().addShutdownHook(new Thread(homeward::close, "homeward-stop"));
        try {
            homeward.startAll(config);
        } catch (ConfigException e) {
            System.err.println("homeward: " + e.getMessage());
            System.exit(1);
        }
    }
}
