package org.homeward.app;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** Starts Homeward from environment variables; see the README for the variables. */
public final class Main {
    private Main() {}

    /**
     * Entry point: exit code 2 for a bad configuration value, 1 when a configured resource cannot be used.
     * {@code --train [people]} instead runs the training of the start-up cache ({@link Trainer}) and exits.
     */
    public static void main(String[] args) {
        // Flyway and Jetty log through java.util.logging or SLF4J; route everything through one place.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        if (args.length > 0 && args[0].equals("--train")) {
            train(args);
            return;
        }
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

    /** Exits explicitly: the JVM writes the AOT cache at exit, and a library may leave a non-daemon thread behind. */
    private static void train(String[] args) {
        try {
            Trainer.run(args.length > 1 ? Integer.parseInt(args[1]) : Trainer.DEFAULT_PEOPLE);
        } catch (Exception e) {
            System.err.println("homeward: training failed: " + Homeward.oneLine(Homeward.rootMessage(e)));
            System.exit(1);
        }
        System.exit(0);
    }
}
