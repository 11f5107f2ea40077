package org.homeward.telegram.fake;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A fake Telegram Bot API server speaking the real wire format (https://core.telegram.org/bots/api): bots,
 * simulated users, Telegram's limits and injected faults. Either runs its own Jetty server ({@link #start}) or
 * lends its {@link #handler()} to another server ({@link #inProcess()}).
 */
public final class FakeTelegram implements AutoCloseable {
    private final ConcurrentHashMap<String, FakeBot> bots = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor scheduler = newScheduler();
    /** Long polls of the simulator page, answered at close so that a server's graceful stop need not wait. */
    private final Set<Runnable> onClose = ConcurrentHashMap.newKeySet();
    private final BotApiHandler handler = new BotApiHandler(this);
    private volatile Server server;
    private volatile URI baseUrl;
    private HttpClient httpClient;

    private FakeTelegram() {}

    /** Starts the fake on its own Jetty server on localhost; port 0 picks a free port. */
    public static FakeTelegram start(int port) {
        FakeTelegram fake = new FakeTelegram();
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("fake-telegram");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(fake.handler);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the fake Bot API on port " + port, e);
        }
        fake.server = server;
        fake.baseUrl = URI.create("http://localhost:" + connector.getLocalPort());
        return fake;
    }

    /** A fake without a server of its own: mount {@link #handler()} elsewhere and set {@link #baseUrl(URI)}. */
    public static FakeTelegram inProcess() {
        return new FakeTelegram();
    }

    /** Serves {@code /bot<token>/<method>} (and answers 404 under {@code /file/}); declines other paths. */
    public Handler handler() {
        return handler;
    }

    /** Where the Bot API is served, e.g. {@code http://localhost:PORT}. */
    public URI baseUrl() {
        if (baseUrl == null) throw new IllegalStateException("baseUrl(URI) not set for an in-process fake");
        return baseUrl;
    }

    /** For {@link #inProcess()}: where {@link #handler()} is mounted. */
    public void baseUrl(URI url) {
        this.baseUrl = url;
    }

    /** Registers (or gets) the bot with this token; the bot id is the digits before ':'. */
    public FakeBot bot(String token) {
        return bots.computeIfAbsent(token, t -> new FakeBot(this, t));
    }

    FakeBot findBot(String token) {
        return bots.get(token);
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    synchronized HttpClient httpClient() throws Exception {
        if (httpClient == null) {
            HttpClient c = new HttpClient();
            c.setName("fake-telegram-webhook");
            c.setFollowRedirects(false);
            c.start();
            httpClient = c;
        }
        return httpClient;
    }

    /** Stops the server (if any), the webhook senders and pending long polls. */
    @Override
    public void close() {
        onClose.forEach(Runnable::run);
        onClose.clear();
        bots.values().forEach(FakeBot::close);
        try {
            if (server != null) server.stop();
            synchronized (this) {
                if (httpClient != null) httpClient.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            // Answers already handed to the timer thread go out; timers not yet due are dropped.
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(2, TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ScheduledThreadPoolExecutor newScheduler() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "fake-telegram-timer");
            t.setDaemon(true);
            return t;
        });
        s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    /** Runs {@code task} when the fake closes, unless {@link #cancelOnClose} comes first. */
    void onClose(Runnable task) {
        onClose.add(task);
    }

    void cancelOnClose(Runnable task) {
        onClose.remove(task);
    }

    /** Runs {@code task} on the timer thread, or here once the fake has closed. */
    void runSoon(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }
}
