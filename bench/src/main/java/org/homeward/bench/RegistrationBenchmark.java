package org.homeward.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dir = Files.createTempDirectory("homeward-bench");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"));
                Database database = Database.connect(pg.jdbcUrl(), pg.user(), null, 20);
                FakeTelegram fake = FakeTelegram.start(0)) {
            OkHttpClient http = TelegramClients.okHttp();
            FakeBot bot = fake.bot("8000003:REGbench_token_abcdefghijklmnopq");
            TelegramClient replies = TelegramClients.replyClient(http, bot.token(), fake.baseUrl());
            Conversation conversation = new Conversation(database, replies, Clock.systemUTC());
            try (Transport transport = new Transport(database, http, replies,
                    new Transport.Settings(bot.token(), fake.baseUrl(), Optional.empty()), conversation)) {
                transport.start();
                List<SimulatedUser> people = new ArrayList<>();
                for (int i = 0; i < users; i++) {
                    people.add(bot.newUser("P" + i, Language.values()[i % 3].code()));
                }
                ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
                AtomicInteger completed = new AtomicInteger();
                ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
                long start = System.nanoTime();
                try (ExecutorService all = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < users; i++) {
                        int n = i;
                        all.execute(() -> {
                            try {
                                new Person(people.get(n), Language.values()[n % 3], latencies).register(n);
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
                System.out.printf("%nRegistration benchmark: %d simulated users registering at once (tg/ru/uz in turn), "
                        + "17 steps each%n", users);
                System.out.println("| completed | steps | wall time s | steps/s | p50 ms | p99 ms | max ms |");
                System.out.println("|---|---|---|---|---|---|---|");
                System.out.printf("| %d of %d | %d | %.1f | %.0f | %.1f | %.1f | %.1f |%n", completed.get(), users, p.count(),
                        seconds, p.count() / seconds, p.p50(), p.p99(), p.max());
                failures.stream().limit(5).forEach(f -> System.out.println("failed: " + f));
            }
            http.dispatcher().executorService().shutdown();
        }
    }

    /** One simulated person going through the registration as the bot leads them. */
    private static final class Person {
        private final SimulatedUser user;
        private final Language language;
        private final ConcurrentLinkedQueue<Long> latencies;

        Person(SimulatedUser user, Language language, ConcurrentLinkedQueue<Long> latencies) {
            this.user = user;
            this.language = language;
            this.latencies = latencies;
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
            step(() -> user.sendText(String.format("B%07d", n)), says("reg.phone.ask"));
            step(() -> user.shareContact(String.format("99290%07d", n)), hasDataPrefix("REG_LOCATION:"));
            m = step(() -> user.shareLocation(41.39, 69.18), hasDataPrefix("REG_DESTINATION:"));
            press(m, m.inlineButtons().getFirst().callbackData(), any());
            m = step(() -> user.sendText("Истаравшан"), hasData("REG_FAMILY:done"));
            m = press(m, "REG_FAMILY:done", hasData("REG_NEEDS:done"));
            m = press(m, "REG_NEEDS:done", hasData("REG_SUMMARY:confirm"));
            press(m, "REG_SUMMARY:confirm", msg -> msg.text() != null && CODE.matcher(msg.text()).find());
        }

        private BotMessage press(BotMessage on, String data, Predicate<BotMessage> until) {
            return step(() -> user.pressButton(on.messageId(), data), until);
        }

        /** Does something, records the time to the bot's first reply, and waits for a message that fits. */
        private BotMessage step(Runnable action, Predicate<BotMessage> until) {
            int before = user.received().size();
            long t0 = System.nanoTime();
            action.run();
            List<BotMessage> got = user.awaitReceived(before + 1, STEP_TIMEOUT);
            latencies.add(System.nanoTime() - t0);
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
            String text = t(key);
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
