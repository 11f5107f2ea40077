package org.homeward.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import org.homeward.bot.transport.TelegramClients;
import org.homeward.bot.transport.Pacer;
import org.homeward.bot.transport.Reply;
import org.homeward.bot.transport.Transport;
import org.homeward.bot.transport.UpdateHandler;
import org.homeward.db.Database;
import org.homeward.db.EmbeddedPostgresServer;
import org.homeward.telegram.fake.ApiCall;
import org.homeward.telegram.fake.FakeBot;
import org.homeward.telegram.fake.FakeTelegram;
import org.homeward.telegram.fake.SimulatedUser;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Updates per second end to end (update in at the fake Bot API, reply out at it) through Homeward's transport
 * (inbox in PostgreSQL, per-chat lanes) with an echo handler, and the same for a bare TelegramBots bot that only
 * echoes, in the same process setup: same fake, same HTTP client settings, same machine.
 */
final class TransportBenchmark {
    private static final Duration STEADY = Duration.ofSeconds(20);
    private static final int STEADY_RATE = 500;
    private static final int BURST_PER_USER = 5;

    private TransportBenchmark() {}

    /** A bot under test: starts receiving from the fake, and stops. */
    interface Subject extends AutoCloseable {
        void start() throws Exception;
    }

    record Figures(String name, double burstPerSecond, Percentiles steady, double steadyPerSecond) {}

    static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dir = Files.createTempDirectory("homeward-bench");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"));
                Database database = Database.connect(pg.jdbcUrl(), pg.user(), null, 20);
                FakeTelegram fake = FakeTelegram.start(0)) {
            OkHttpClient http = TelegramClients.okHttp();
            Figures bare = run("bare TelegramBots echo", fake, "8000001:BAREbench_token_abcdefghijklmnop", users,
                    bot -> bareBot(http, bot, fake));
            Figures homeward = run("Homeward transport + echo", fake, "8000002:HOMEbench_token_abcdefghijklmnop", users,
                    bot -> homewardBot(database, http, bot, fake));
            System.out.printf("%nTransport benchmark: %d simulated users, burst %d updates, steady %d updates/s for %d s%n",
                    users, users * BURST_PER_USER, STEADY_RATE, STEADY.toSeconds());
            System.out.println("| bot | burst updates/s | steady updates/s | p50 ms | p99 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|");
            for (Figures f : List.of(homeward, bare)) {
                System.out.printf("| %s | %.0f | %.0f | %.1f | %.1f | %.1f |%n", f.name(), f.burstPerSecond(),
                        f.steadyPerSecond(), f.steady().p50(), f.steady().p99(), f.steady().max());
            }
            System.out.printf("Homeward/bare burst throughput: %.2f%n", homeward.burstPerSecond() / bare.burstPerSecond());
            http.dispatcher().executorService().shutdown();
        }
    }

    interface SubjectFactory {
        Subject create(FakeBot bot) throws Exception;
    }

    static Figures run(String name, FakeTelegram fake, String token, int userCount, SubjectFactory factory)
            throws Exception {
        FakeBot bot = fake.bot(token);
        List<SimulatedUser> users = new ArrayList<>(userCount);
        for (int i = 0; i < userCount; i++) {
            users.add(bot.newUser("U" + i, i % 3 == 0 ? "tg" : i % 3 == 1 ? "ru" : "uz"));
        }
        try (Subject subject = factory.create(bot)) {
            subject.start();
            // Warm-up: every user once, so connections, JIT and the pool are ready.
            Map<String, Instant> sent = new ConcurrentHashMap<>();
            send(users, 1, "w", sent);
            awaitReplies(bot, sent.size());
            bot.clearCalls();

            // Burst: every user sends several messages at once; how fast does the bot work through them?
            sent.clear();
            Instant burstStart = Instant.now();
            send(users, BURST_PER_USER, "b", sent);
            List<ApiCall> burstReplies = awaitReplies(bot, sent.size());
            Instant burstEnd = burstReplies.stream().map(ApiCall::time).max(Instant::compareTo).orElseThrow();
            double burstPerSecond = sent.size() / seconds(burstStart, burstEnd);
            bot.clearCalls();

            // Steady: a constant offered load; how long does each person wait for the answer?
            sent.clear();
            Instant steadyStart = Instant.now();
            steady(users, sent);
            List<ApiCall> steadyReplies = awaitReplies(bot, sent.size());
            Instant steadyEnd = steadyReplies.stream().map(ApiCall::time).max(Instant::compareTo).orElseThrow();
            long[] latencies = new long[steadyReplies.size()];
            int i = 0;
            for (ApiCall reply : steadyReplies) {
                String key = reply.param("text").substring("echo: ".length());
                latencies[i++] = Duration.between(sent.get(key), reply.time()).toNanos();
            }
            bot.clearCalls();
            return new Figures(name, burstPerSecond, Percentiles.of(latencies), sent.size() / seconds(steadyStart, steadyEnd));
        }
    }

    private static void send(List<SimulatedUser> users, int perUser, String tag, Map<String, Instant> sent)
            throws InterruptedException {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            int slices = 4;
            for (int s = 0; s < slices; s++) {
                int slice = s;
                pool.execute(() -> {
                    for (int m = 0; m < perUser; m++) {
                        for (int u = slice; u < users.size(); u += slices) {
                            String text = tag + u + "-" + m;
                            sent.put(text, Instant.now());
                            users.get(u).sendText(text);
                        }
                    }
                });
            }
        }
    }

    private static void steady(List<SimulatedUser> users, Map<String, Instant> sent) throws InterruptedException {
        int total = (int) (STEADY_RATE * STEADY.toSeconds());
        long intervalNanos = 1_000_000_000L / STEADY_RATE;
        long start = System.nanoTime();
        for (int n = 0; n < total; n++) {
            long due = start + n * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            SimulatedUser user = users.get(n % users.size());
            String text = "s" + n;
            sent.put(text, Instant.now());
            user.sendText(text);
        }
    }

    private static List<ApiCall> awaitReplies(FakeBot bot, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            List<ApiCall> replies = bot.calls("sendMessage").stream().filter(c -> c.status() == 200).toList();
            if (replies.size() >= expected) {
                return replies;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("only " + replies.size() + " of " + expected + " replies arrived");
            }
            Thread.sleep(20);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static Subject homewardBot(Database database, OkHttpClient http, FakeBot bot, FakeTelegram fake) {
        UpdateHandler echo = (tx, update) -> {
            if (update.hasMessage() && update.getMessage().hasText()) {
                return List.of(Reply.message(new SendMessage(update.getMessage().getChatId().toString(),
                        "echo: " + update.getMessage().getText())));
            }
            return List.of();
        };
        Transport transport = new Transport(database, http,
                new Transport.Settings(bot.token(), fake.baseUrl(), Optional.empty()), echo, Pacer.NONE);
        return new Subject() {
            @Override
            public void start() throws Exception {
                transport.start();
            }

            @Override
            public void close() {
                transport.close();
            }
        };
    }

    private static Subject bareBot(OkHttpClient http, FakeBot bot, FakeTelegram fake) {
        TelegramClient telegram = TelegramClients.client(http, bot.token(), fake.baseUrl());
        ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
        TelegramBotsLongPollingApplication app =
                new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> http, () -> poll);
        return new Subject() {
            @Override
            public void start() throws Exception {
                app.registerBot(bot.token(), () -> TelegramClients.url(fake.baseUrl()), new DefaultGetUpdatesGenerator(),
                        updates -> {
                            for (Update update : updates) {
                                workers.execute(() -> echo(telegram, update));
                            }
                        });
            }

            @Override
            public void close() throws Exception {
                app.close();
                poll.shutdownNow();
                workers.shutdown();
            }
        };
    }

    private static void echo(TelegramClient telegram, Update update) {
        try {
            if (update.hasMessage() && update.getMessage().hasText()) {
                telegram.execute(new SendMessage(update.getMessage().getChatId().toString(),
                        "echo: " + update.getMessage().getText()));
            }
        } catch (Exception e) {
            System.err.println("bare bot: " + e.getClass().getSimpleName());
        }
    }
}
