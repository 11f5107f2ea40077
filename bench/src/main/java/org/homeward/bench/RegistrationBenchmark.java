package org.homeward.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.homeward.bot.conversation.Conversation;
import org.homeward.bot.transport.TelegramClients;
import org.homeward.bot.transport.Pacer;
import org.homeward.bot.transport.Transport;
import org.homeward.db.Database;
import org.homeward.db.EmbeddedPostgresServer;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.homeward.telegram.fake.BotMessage;
import org.homeward.telegram.fake.FakeBot;
import org.homeward.telegram.fake.FakeTelegram;
import org.homeward.telegram.fake.SimulatedUser;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Many people registering at once through the whole of Homeward (transport, inbox, conversation, PostgreSQL)
 * against the fake Bot API: each simulated user goes from /start to a confirmed registration code, one step
 * after the other, as a person would, and the time from each step to the bot's first reply is recorded.
 */
final class RegistrationBenchmark {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern CODE = Pattern.compile("[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}");

    private RegistrationBenchmark() {}

    private static volatile long START = System.nanoTime();
    private static final java.util.Map<Integer, ConcurrentLinkedQueue<Long>> BY_STEP = new java.util.concurrent.ConcurrentSkipListMap<>();
    private static final java.util.Map<Integer, ConcurrentLinkedQueue<Long>> BY_SECOND = new java.util.concurrent.ConcurrentSkipListMap<>();

    static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        // As many registrations as are measured, without pauses; -Dhomeward.bench.warmup=N for another number.
        int warmUp = Integer.getInteger("homeward.bench.warmup", users);
        // A person reads the question and answers it: 3 to 7 s between steps by default ("0" for none, a stress
        // test in which every simulated person answers the instant the reply lands).
        Duration thinkMin = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 3);
        Duration thinkMax = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : Math.max(thinkMin.toSeconds(), 7));
        Path dir = Files.createTempDirectory("homeward-bench");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"));
                Database database = Database.connect(pg.jdbcUrl(), pg.user(), null, 20);
                FakeTelegram fake = FakeTelegram.start(0)) {
            OkHttpClient http = TelegramClients.okHttp();
            FakeBot bot = fake.bot("8000003:REGbench_token_abcdefghijklmnopq");
            Conversation conversation = new Conversation(Clock.systemUTC());
            try (Transport transport = new Transport(database, http,
                    new Transport.Settings(bot.token(), fake.baseUrl(), Optional.empty()), conversation, Pacer.NONE)) {
                transport.start();
                // Warm-up, not measured: a round of registrations with no pause, so the JIT has compiled the paths and
                // the pools are full before the measured people start, as in a bot that has been running a while.
                // After only 100 the compiler still took a quarter of a core through the measured run's first 30 s.
                List<SimulatedUser> warm = new ArrayList<>();
                for (int i = 0; i < warmUp; i++) {
                    warm.add(bot.newUser("W" + i, Language.values()[i % 3].code()));
                }
                try (ExecutorService all = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < warm.size(); i++) {
                        int n = i;
                        all.execute(() -> new Person(warm.get(n), Language.values()[n % 3], new ConcurrentLinkedQueue<>(),
                                Duration.ZERO, Duration.ZERO).register(users + n));
                    }
                }
                BY_STEP.clear();
                BY_SECOND.clear();
                List<SimulatedUser> people = new ArrayList<>();
                for (int i = 0; i < users; i++) {
                    people.add(bot.newUser("P" + i, Language.values()[i % 3].code()));
                }
                ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
                START = System.nanoTime();
                var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
                long jitBefore = jit.getTotalCompilationTime();
                AtomicInteger completed = new AtomicInteger();
                ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
                long start = System.nanoTime();
                try (ExecutorService all = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < users; i++) {
                        int n = i;
                        all.execute(() -> {
                            try {
                                new Person(people.get(n), Language.values()[n % 3], latencies, thinkMin, thinkMax)
                                        .register(n);
                                completed.incrementAndGet();
                            } catch (RuntimeException e) {
                                failures.add(e.getMessage());
                                if (System.getenv("BENCH_DEBUG") != null) {
                                    bot.transcript(people.get(n).chatId(), 0).forEach(msg -> System.err.println(
                                            (msg.fromBot() ? "BOT  " : "USER ") + msg.kind() + " " + msg.text() + " "
                                            + msg.inlineButtons().stream().map(b -> b.text()).toList()));
                                }
                            }
                        });
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Percentiles p = Percentiles.of(latencies.stream().mapToLong(Long::longValue).toArray());
                System.out.printf("%nRegistration benchmark: %d simulated users starting at once (tg/ru/uz in turn), "
                        + "17 steps each, %d-%d s between a reply and the next answer%n", users, thinkMin.toSeconds(),
                        thinkMax.toSeconds());
                System.out.println("| completed | steps | wall time s | steps/s | p50 ms | p99 ms | max ms |");
                System.out.println("|---|---|---|---|---|---|---|");
                System.out.printf("| %d of %d | %d | %.1f | %.0f | %.1f | %.1f | %.1f |%n", completed.get(), users, p.count(),
                        seconds, p.count() / seconds, p.p50(), p.p99(), p.max());
                System.out.printf("warm-up: %d registrations; JIT compiling during the measured run: %.1f s%n", warmUp,
                        (jit.getTotalCompilationTime() - jitBefore) / 1000.0);
                failures.stream().limit(5).forEach(f -> System.out.println("failed: " + f));
                if (System.getenv("BENCH_DEBUG") != null) {
                    BY_STEP.forEach((k, v) -> System.out.printf("step %d: p50 %.1f p99 %.1f%n", k,
                            Percentiles.of(v.stream().mapToLong(Long::longValue).toArray()).p50(),
                            Percentiles.of(v.stream().mapToLong(Long::longValue).toArray()).p99()));
                    BY_SECOND.forEach((k, v) -> System.out.printf("second %d: n %d p99 %.1f%n", k, v.size(),
                            Percentiles.of(v.stream().mapToLong(Long::longValue).toArray()).p99()));
                }
            }
            http.dispatcher().executorService().shutdown();
        }
    }

    /** One simulated person going through the registration as the bot leads them. */
    private static final class Person {
        private final SimulatedUser user;
        private final Language language;
        private final ConcurrentLinkedQueue<Long> latencies;
        private final Duration thinkMin;
        private final Duration thinkMax;

        Person(SimulatedUser user, Language language, ConcurrentLinkedQueue<Long> latencies, Duration thinkMin,
                Duration thinkMax) {
            this.user = user;
            this.language = language;
            this.latencies = latencies;
            this.thinkMin = thinkMin;
            this.thinkMax = thinkMax;
        }

        private void think() {
            long min = thinkMin.toMillis();
            long spread = thinkMax.toMillis() - min;
            long millis = min + (spread > 0 ? java.util.concurrent.ThreadLocalRandom.current().nextLong(spread + 1) : 0);
            if (millis > 0) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        void register(int n) {
            String lang = "LANGUAGE:" + language.code();
            BotMessage choice = step(() -> user.sendCommand("/start"), hasData(lang));
            BotMessage consent = step(() -> user.pressButton(choice.messageId(), lang), hasLabel(t("btn.consent.agree")));
            // Each step waits for the message that asks the next question, so replies never run ahead of the person.
            step(() -> user.pressButton(consent.messageId(), consent.callbackData(t("btn.consent.agree"))),
                    m -> m.keyboardButtons().stream().anyMatch(b -> b.text().equals(t("btn.menu.register"))));
            step(() -> user.sendText(t("btn.menu.register")), says("reg.name.ask"));
            step(() -> user.sendText(language == Language.UZ ? "Karimov Jamshid" : "Каримов Ҷамшед"), says("reg.birth.ask"));
            BotMessage m = step(() -> user.sendText("08.03.1990"), hasDataPrefix("REG_SEX:"));
            m = press(m, "REG_SEX:M", hasDataPrefix("REG_CITIZENSHIP:"));
            m = press(m, "REG_CITIZENSHIP:TJ", hasDataPrefix("REG_DOC_TYPE:"));
            press(m, "REG_DOC_TYPE:passport", says("reg.doc_number.ask"));
            step(() -> user.sendText(String.format("B%07d", n)), says("reg.phone.ask", Map.of("citizenship", "TJ")));
            step(() -> user.shareContact(String.format("99290%07d", n)), hasDataPrefix("REG_LOCATION:"));
            m = step(() -> user.shareLocation(41.39, 69.18), hasDataPrefix("REG_DESTINATION:"));
            press(m, m.inlineButtons().getFirst().callbackData(), any());
            m = step(() -> user.sendText("Истаравшан"), hasData("REG_FAMILY:done"));
            m = press(m, "REG_FAMILY:done", hasData("REG_NEEDS:done"));
            m = press(m, "REG_NEEDS:done", hasDataPrefix("REG_SUMMARY:confirm."));
            press(m, m.callbackData(t("btn.confirm")), msg -> msg.text() != null && CODE.matcher(msg.text()).find());
        }

        private BotMessage press(BotMessage on, String data, Predicate<BotMessage> until) {
            return step(() -> user.pressButton(on.messageId(), data), until);
        }

        /** Does something, records the time to the bot's first reply, and waits for a message that fits. */
        private int stepIndex;

        private BotMessage step(Runnable action, Predicate<BotMessage> until) {
            think();
            int before = user.received().size();
            long t0 = System.nanoTime();
            action.run();
            List<BotMessage> got = user.awaitReceived(before + 1, STEP_TIMEOUT);
            long took = System.nanoTime() - t0;
            latencies.add(took);
            BY_STEP.computeIfAbsent(stepIndex++, k -> new ConcurrentLinkedQueue<>()).add(took);
            BY_SECOND.computeIfAbsent((int) ((t0 - START) / 1_000_000_000L), k -> new ConcurrentLinkedQueue<>()).add(took);
            while (true) {
                for (BotMessage msg : got.subList(before, got.size())) {
                    if (until.test(msg)) {
                        return msg;
                    }
                }
                got = user.awaitReceived(got.size() + 1, STEP_TIMEOUT);
            }
        }

        private String t(String key) {
            return Messages.get().format(language, key);
        }

        private static Predicate<BotMessage> any() {
            return m -> true;
        }

        private static Predicate<BotMessage> hasLabel(String label) {
            return m -> m.inlineButtons().stream().anyMatch(b -> b.text().equals(label));
        }

        private Predicate<BotMessage> says(String key) {
            return says(key, Map.of());
        }

        private Predicate<BotMessage> says(String key, Map<String, ?> args) {
            String text = Messages.get().format(language, key, args);
            return m -> text.equals(m.text());
        }

        private static Predicate<BotMessage> hasDataPrefix(String prefix) {
            return m -> m.inlineButtons().stream().anyMatch(b -> b.callbackData() != null && b.callbackData().startsWith(prefix));
        }

        private static Predicate<BotMessage> hasData(String data) {
            return m -> m.inlineButtons().stream().anyMatch(b -> data.equals(b.callbackData()));
        }
    }
}
