package org.homeward.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.homeward.bot.delivery.DeliveryConfig;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.homeward.telegram.fake.BotMessage;
import org.homeward.telegram.fake.FakeBot;
import org.homeward.telegram.fake.SimulatedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training run of the JDK's ahead-of-time cache ({@code java -XX:AOTCacheOutput=FILE -jar homeward.jar
 * --train}): starts Homeward in simulator mode on a throw-away DATA_DIR and a free port, takes simulated people
 * through the whole registration at once, as a crowd after a restart does, asks for the health and metrics pages,
 * then stops, so that the JVM writes the classes it loaded and the profiles of the methods it ran into the cache at
 * exit. A later start with {@code -XX:AOTCache=FILE} begins with those classes loaded and linked and those profiles
 * in hand (JEP 483, 515), and answers its first crowd sooner. {@code ./homeward} runs this once after each build.
 */
final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** Enough for the JIT to see every step many times over, few enough to take about half a minute. */
    static final int DEFAULT_PEOPLE = 300;
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern CODE = Pattern.compile("[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}");

    private Trainer() {}

    /** Runs the training with {@code people} simulated registrations; throws if any of it fails. */
    static void run(int people) throws Exception {
        Path dataDir = Files.createTempDirectory("homeward-train");
        long t0 = System.nanoTime();
        // Telegram's budget (30 messages a second) would make the run wait, not work: the replies take the same
        // path through the rate limiter at its highest rate.
        try (Homeward homeward = Homeward.start(Config.defaults(0, dataDir), DeliveryConfig.defaults().withBotRate(1000))) {
            LOG.info("training the start-up cache: {} simulated people registering at once", people);
            FakeBot bot = homeward.simulator().orElseThrow().bot(Homeward.SIMULATOR_TOKEN);
            try (ExecutorService all = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < people; i++) {
                    Language language = Language.values()[i % Language.values().length];
                    SimulatedUser user = bot.newUser("T" + i, language.code());
                    int n = i;
                    done.add(all.submit(() -> new Person(user, language).register(n)));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            try (HttpClient http = HttpClient.newHttpClient()) {
                for (String path : List.of("/healthz", "/metrics", "/simulator")) {
                    URI uri = URI.create("http://localhost:" + homeward.httpPort() + path);
                    int status = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    if (status != 200) {
                        throw new IllegalStateException(path + " answered " + status);
                    }
                }
            }
        } finally {
            deleteTree(dataDir);
        }
        LOG.info("trained the start-up cache in {} s", (System.nanoTime() - t0) / 1_000_000_000L);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One simulated person from /start to a confirmed registration code, as the bot leads them. */
    private record Person(SimulatedUser user, Language language) {
        void register(int n) {
            String lang = "LANGUAGE:" + language.code();
            BotMessage choice = step(() -> user.sendCommand("/start"), hasData(lang));
            BotMessage consent = step(() -> user.pressButton(choice.messageId(), lang), hasLabel(t("btn.consent.agree")));
            step(() -> user.pressButton(consent.messageId(), consent.callbackData(t("btn.consent.agree"))),
                    m -> m.keyboardButtons().stream().anyMatch(b -> b.text().equals(t("btn.menu.register"))));
            step(() -> user.sendText(t("btn.menu.register")), says("reg.name.ask", Map.of()));
            step(() -> user.sendText(language == Language.UZ ? "Karimov Jamshid" : "Каримов Ҷамшед"),
                    says("reg.birth.ask", Map.of()));
            BotMessage m = step(() -> user.sendText("08.03.1990"), hasDataPrefix("REG_SEX:"));
            m = press(m, "REG_SEX:M", hasDataPrefix("REG_CITIZENSHIP:"));
            m = press(m, "REG_CITIZENSHIP:TJ", hasDataPrefix("REG_DOC_TYPE:"));
            press(m, "REG_DOC_TYPE:passport", says("reg.doc_number.ask", Map.of()));
            // Document and phone numbers of their own, so that no two trainees are one another's duplicates.
            step(() -> user.sendText(String.format("T%07d", n)), says("reg.phone.ask", Map.of("citizenship", "TJ")));
            step(() -> user.shareContact(String.format("99291%07d", n)), hasDataPrefix("REG_LOCATION:"));
            m = step(() -> user.shareLocation(41.39, 69.18), hasDataPrefix("REG_DESTINATION:"));
            BotMessage region = m;
            press(region, region.inlineButtons().getFirst().callbackData(), any -> true);
            m = step(() -> user.sendText("Истаравшан"), hasData("REG_FAMILY:done"));
            m = press(m, "REG_FAMILY:done", hasData("REG_NEEDS:done"));
            m = press(m, "REG_NEEDS:done", hasDataPrefix("REG_SUMMARY:confirm."));
            press(m, m.callbackData(t("btn.confirm")), msg -> msg.text() != null && CODE.matcher(msg.text()).find());
        }

        private BotMessage press(BotMessage on, String data, Predicate<BotMessage> until) {
            return step(() -> user.pressButton(on.messageId(), data), until);
        }

        /** Does something and waits for the bot's message that fits, so the person never runs ahead of the bot. */
        private BotMessage step(Runnable action, Predicate<BotMessage> until) {
            int seen = user.received().size();
            action.run();
            while (true) {
                List<BotMessage> got = user.awaitReceived(seen + 1, STEP_TIMEOUT);
                for (BotMessage msg : got.subList(seen, got.size())) {
                    if (until.test(msg)) {
                        return msg;
                    }
                }
                seen = got.size();
            }
        }

        private String t(String key) {
            return Messages.get().format(language, key);
        }

        private Predicate<BotMessage> says(String key, Map<String, ?> args) {
            String text = Messages.get().format(language, key, args);
            return m -> text.equals(m.text());
        }

        private static Predicate<BotMessage> hasLabel(String label) {
            return m -> m.inlineButtons().stream().anyMatch(b -> b.text().equals(label));
        }

        private static Predicate<BotMessage> hasDataPrefix(String prefix) {
            return m -> m.inlineButtons().stream()
                    .anyMatch(b -> b.callbackData() != null && b.callbackData().startsWith(prefix));
        }

        private static Predicate<BotMessage> hasData(String data) {
            return m -> m.inlineButtons().stream().anyMatch(b -> data.equals(b.callbackData()));
        }
    }
}
