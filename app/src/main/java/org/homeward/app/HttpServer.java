package org.homeward.app;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Builds the Jetty server; every route of Homeward is wired in {@link Homeward}, none here. */
final class HttpServer {
    private HttpServer() {}

    /**
     * A server bound to {@code port} (0 picks a free one) but not yet started, so that what needs its real port
     * (the in-process fake Bot API in simulator mode) can be built before the routes are set.
     *
     * @throws IOException when the port cannot be bound
     */
    static Server newServer(int port) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("http");
        // Requests block on the database; virtual threads keep that cheap under many parallel requests.
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);
        server.setStopTimeout(5_000);
        server.setStopAtShutdown(false); // Homeward stops it in order, before the database
        connector.open();
        return server;
    }

    /** The port the server is bound to. */
    static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /**
     * A handler routing each servlet-style path spec to its handler; a request no route takes goes to the
     * {@code others} in turn (each declines what is not its own), then gets a 404.
     */
    static Handler routes(Map<String, Handler> routes, Handler... others) {
        PathMappingsHandler mappings = new PathMappingsHandler();
        routes.forEach((spec, handler) -> mappings.addMapping(PathSpec.from(spec), handler));
        Handler.Sequence sequence = new Handler.Sequence(mappings);
        for (Handler other : others) {
            sequence.addHandler(other);
        }
        // The root context: PathMappingsHandler needs a context path (it fails on null without one), and
        // under "/simulator/*" its handler then sees the path after /simulator, as in a context of its own.
        ContextHandler root = new ContextHandler("/");
        root.setHandler(sequence);
        return root;
    }
}
