package org.homeward.app;

import java.util.Map;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Builds the Jetty server; every route of Homeward is wired in {@link Homeward}, none here. */
final class HttpServer {
    private HttpServer() {}

    /** A server on {@code port} (0 picks a free one) routing each path spec to its handler; not yet started. */
    static Server newServer(int port, Map<String, Handler> routes) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("http");
        // Requests block on the database; virtual threads keep that cheap under many parallel requests.
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);

        PathMappingsHandler mappings = new PathMappingsHandler();
        routes.forEach((spec, handler) -> mappings.addMapping(PathSpec.from(spec), handler));
        server.setHandler(mappings);
        server.setStopTimeout(5_000);
        server.setStopAtShutdown(false); // Homeward stops it in order, before the database
        return server;
    }
}
