package org.homeward.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.homeward.bot.conversation.Conversation;
import org.homeward.bot.delivery.Delivery;
import org.homeward.bot.delivery.DeliveryConfig;
import org.homeward.bot.transport.TelegramClients;
import org.homeward.bot.transport.Transport;
import org.homeward.core.outbox.Audience;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.outbox.OutgoingMessage;
import org.homeward.core.outbox.OutgoingMessage.Button;
import org.homeward.core.outbox.OutgoingMessage.Text;
import org.homeward.db.Database;
import org.homeward.i18n.Language;
import org.homeward.telegram.fake.BotMessage;
import org.homeward.telegram.fake.FakeBot;
import org.homeward.telegram.fake.FakeTelegram;
import org.homeward.telegram.fake.SimulatedUser;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;

/**
 * The wave after a broadcast (issue 15): "your bus is tomorrow: press ✅ to confirm" goes to N registered people
 * assigned to a departure, with the fake Bot API enforcing Telegram's 30 messages a second, and each presses
 * "confirm" 5–120 s after the notice reaches them; meanwhile other people write /start. Measures, per press, the
 * time to the acknowledgement on the button and to the reply (the notice edited with the answer), whether replies
 * left in the order people pressed, the broadcast's own completion time, the latency of the people writing, and
 * 429s. Arguments: [people] [writers] [free|paid].
 */
final class WaveBenchmark {
    private static final String TOKEN = "8000004:WAVEbench_token_abcdefghijklmn";

    private WaveBenchmark() {}

    static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int writers = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        boolean paid = args.length > 2 && args[2].equals("paid");
        int rate = paid ? 1000 : 30;
        try (TestDatabase db = TestPostgres.newDatabase();
             Database database = Database.connect(db.jdbcUrl(), db.user(), "", 20);
             FakeTelegram fake = FakeTelegram.start(0)) {
            FakeBot bot = fake.bot(TOKEN);
            bot.limits().perSecond(rate).enabled(true);
            List<SimulatedUser> assigned = new ArrayList<>(people);
            for (int i = 0; i < people; i++) {
                assigned.add(bot.newUser("P" + i, Language.values()[i % 3].code()));
            }
            long departure = seed(database, assigned);
            List<SimulatedUser> writing = new ArrayList<>(writers);
            for (int i = 0; i < writers; i++) {
                writing.add(bot.newUser("W" + i, Language.values()[i % 3].code()));
            }

            OkHttpClient http = TelegramClients.okHttp();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            DeliveryConfig config = paid ? DeliveryConfig.defaults().withPaidRate(1000) : DeliveryConfig.defaults();
            try (Delivery delivery = Delivery.create(config, database.dataSource(), http, TOKEN, fake.baseUrl(), registry);
                 Transport transport = new Transport(database, http,
                         new Transport.Settings(TOKEN, fake.baseUrl(), Optional.empty()),
                         new Conversation(Clock.systemUTC()), delivery.rateLimiter()::acquireReply)) {
                delivery.start();
                transport.start();
                Outbox outbox = new Outbox();
                OutgoingMessage notice = new OutgoingMessage("departure", Text.written(Map.of(
                        Language.RU, "🚌 Ваш автобус завтра в 9:00 от КПП «Жибек Жолы». Подтвердите, что придёте.",
                        Language.TG, "🚌 Автобуси Шумо пагоҳ соати 9:00 аз гузаргоҳи «Жибек Жолы». Тасдиқ кунед, ки меоед.",
                        Language.UZ, "🚌 Avtobusingiz ertaga soat 9:00 da «Jibek Joli» postidan. Kelishingizni tasdiqlang.")),
                        List.of(List.of(Button.callback(Text.key("btn.dep.coming", Map.of()), "g:dep:" + departure + ":y"),
                                Button.callback(Text.key("btn.dep.cannot", Map.of()), "g:dep:" + departure + ":n"))),
                        paid);
                Instant broadcastAt = Instant.now();
                long messageId = database.dsl().transactionResult(c -> outbox.enqueue(c.dsl(), notice,
                        Audience.chats(assigned.stream().map(SimulatedUser::chatId).toList())));

                // Each person presses 5-120 s after the notice reaches them; writers write while it goes out.
                Map<Long, Instant> pressedAt = new ConcurrentHashMap<>();
                Map<Long, Instant> wroteAt = new ConcurrentHashMap<>();
                ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
                Map<Long, Boolean> scheduled = new ConcurrentHashMap<>();
                for (SimulatedUser w : writing) {
                    long delayMs = ThreadLocalRandom.current().nextLong(1_000, Math.max(2_000, people * 1000L / rate));
                    clock.schedule(() -> {
                        wroteAt.put(w.chatId(), Instant.now());
                        w.sendCommand("/start");
                    }, delayMs, TimeUnit.MILLISECONDS);
                }
                Instant lastNotice = null;
                while (scheduled.size() < people) {
                    for (SimulatedUser u : assigned) {
                        if (scheduled.containsKey(u.chatId())) {
                            continue;
                        }
                        List<BotMessage> got = u.received();
                        if (got.isEmpty()) {
                            continue;
                        }
                        BotMessage n = got.getFirst();
                        scheduled.put(u.chatId(), true);
                        lastNotice = lastNotice == null || n.date().isAfter(lastNotice) ? n.date() : lastNotice;
                        long delayMs = ThreadLocalRandom.current().nextLong(5_000, 120_001);
                        clock.schedule(() -> {
                            pressedAt.put(u.chatId(), Instant.now());
                            u.pressButton(n.messageId(), "g:dep:" + departure + ":y");
                        }, delayMs, TimeUnit.MILLISECONDS);
                    }
                    Thread.sleep(200);
                }
                Instant broadcastDone = lastNotice;
                // Every press answered (its notice edited), every writer answered.
                while (true) {
                    long edited = assigned.stream().filter(u -> u.received().stream()
                            .anyMatch(m -> m.editDate() != null)).count();
                    long answered = writing.stream().filter(w -> !w.received().isEmpty()).count();
                    if (edited == people && answered == writers && bot.calls("editMessageText").size() >= people) {
                        break;
                    }
                    Thread.sleep(500);
                }
                clock.shutdownNow();
                report(people, writers, rate, broadcastAt, broadcastDone, assigned, writing, pressedAt, wroteAt, bot);
            }
        }
        System.exit(0);
    }

    private static void report(int people, int writers, int rate, Instant broadcastAt, Instant broadcastDone,
            List<SimulatedUser> assigned, List<SimulatedUser> writing, Map<Long, Instant> pressedAt,
            Map<Long, Instant> wroteAt, FakeBot bot) {
        // Times as the fake received the calls (a message's own date has Telegram's one-second precision).
        Map<Long, Instant> acked = new java.util.HashMap<>();
        Map<Long, Instant> edited = new java.util.HashMap<>();
        Map<Long, List<Instant>> sent = new java.util.HashMap<>();
        for (var call : bot.calls()) {
            if (call.status() != 200) {
                continue;
            }
            switch (call.method()) {
                case "answerCallbackQuery" -> bot.callbackQueryChat(call.params().path("callback_query_id").asText())
                        .ifPresent(chat -> acked.merge(chat, call.time(), (x, y) -> x.isBefore(y) ? x : y));
                case "editMessageText" -> edited.merge(call.params().path("chat_id").asLong(), call.time(),
                        (x, y) -> x.isBefore(y) ? x : y);
                case "sendMessage" -> sent.computeIfAbsent(call.params().path("chat_id").asLong(),
                        k -> new ArrayList<>()).add(call.time());
                default -> { }
            }
        }
        long[] ack = new long[people];
        long[] reply = new long[people];
        record Press(Instant pressed, Instant replied) {}
        List<Press> presses = new ArrayList<>(people);
        Instant lastReply = Instant.MIN;
        for (int i = 0; i < people; i++) {
            long chat = assigned.get(i).chatId();
            Instant pressed = pressedAt.get(chat);
            Instant replied = edited.get(chat);
            ack[i] = Duration.between(pressed, acked.get(chat)).toNanos();
            reply[i] = Duration.between(pressed, replied).toNanos();
            presses.add(new Press(pressed, replied));
            if (replied.isAfter(lastReply)) {
                lastReply = replied;
            }
        }
        // Order of waiting: of all pairs of presses at least a second apart, how many replies crossed.
        presses.sort(Comparator.comparing(Press::pressed));
        long pairs = 0;
        long crossed = 0;
        for (int i = 0; i < presses.size(); i += 7) {
            for (int j = i + 1; j < presses.size(); j += 7) {
                Press a = presses.get(i);
                Press b = presses.get(j);
                if (Duration.between(a.pressed(), b.pressed()).toMillis() < 1000) {
                    continue;
                }
                pairs++;
                if (b.replied().isBefore(a.replied())) {
                    crossed++;
                }
            }
        }
        long[] writerLatency = new long[writers];
        for (int i = 0; i < writers; i++) {
            SimulatedUser w = writing.get(i);
            Instant wrote = wroteAt.get(w.chatId());
            Instant answered = sent.get(w.chatId()).stream().filter(t -> !t.isBefore(wrote)).min(Comparator.naturalOrder())
                    .orElseThrow();
            writerLatency[i] = Duration.between(wrote, answered).toNanos();
        }
        Percentiles a = Percentiles.of(ack);
        Percentiles r = Percentiles.of(reply);
        Percentiles wl = Percentiles.of(writerLatency);
        Instant lastPress = presses.getLast().pressed();
        System.out.printf(Locale.ROOT, "%nWave benchmark: %d people assigned to a departure, %d writing meanwhile, fake"
                + " limit %d messages/s%n", people, writers, rate);
        System.out.printf(Locale.ROOT, "| what | p50 ms | p99 ms | max ms |%n|---|---|---|---|%n");
        System.out.printf(Locale.ROOT, "| press → acknowledged on the button | %.1f | %.1f | %.1f |%n", a.p50(), a.p99(), a.max());
        System.out.printf(Locale.ROOT, "| press → reply (notice edited) | %.1f | %.1f | %.1f |%n", r.p50(), r.p99(), r.max());
        System.out.printf(Locale.ROOT, "| writer's /start → first answer | %.1f | %.1f | %.1f |%n", wl.p50(), wl.p99(), wl.max());
        // Replies are never paid broadcasts (edits cannot be, https://core.telegram.org/bots/api#editmessagetext):
        // they share the free 30/s with the notices when those are free too.
        double budget = rate == 30 ? (people * 2 + writers) / 30.0
                : Math.max(people / (double) rate, (people + writers) / 30.0);
        System.out.printf(Locale.ROOT, "broadcast: %d notices in %.1f s; last press %.1f s and last reply %.1f s after"
                        + " the broadcast began; budget: %d notices at %d/s and %d answers at 30/s: %.1f s%n", people,
                Duration.between(broadcastAt, broadcastDone).toMillis() / 1e3,
                Duration.between(broadcastAt, lastPress).toMillis() / 1e3,
                Duration.between(broadcastAt, lastReply).toMillis() / 1e3, people, rate, people + writers, budget);
        System.out.printf(Locale.ROOT, "order: %d of %d sampled pairs of presses a second or more apart replied out of"
                + " order (%.2f%%); 429 answers: %d%n", crossed, pairs, pairs == 0 ? 0 : 100.0 * crossed / pairs,
                bot.tooManyRequestsAnswered());
    }

    /** Registered, consented people at the menu, all assigned to one departure from Zhibek Zholy. */
    private static long seed(Database database, List<SimulatedUser> people) {
        Long[] ids = people.stream().map(SimulatedUser::chatId).toArray(Long[]::new);
        return database.dsl().transactionResult(c -> {
            var tx = c.dsl();
            tx.execute("""
                    insert into telegram_user (chat_id, language, consent_version, consent_at)
                    select id, (array['ru','tg','uz'])[1 + ((ord - 1) % 3)::int],
                           (select consent_version from operation_settings limit 1), now()
                    from unnest(?::bigint[]) with ordinality as t(id, ord)""", (Object) ids);
            tx.execute("""
                    insert into conversation (chat_id, state) select id, 'MENU' from unnest(?::bigint[]) as t(id)""",
                    (Object) ids);
            tx.execute("""
                    insert into registration (code, chat_id, status, phone, location_id, destination_id, confirmed_at)
                    select 'W' || lpad(ord::text, 7, '0'), id, 'confirmed', '+99290' || lpad(ord::text, 7, '0'),
                           (select id from location where code = 'zhibek_zholy'), (select min(id) from destination), now()
                    from unnest(?::bigint[]) with ordinality as t(id, ord)""", (Object) ids);
            long departure = ((Number) tx.fetchValue("""
                    insert into departure (location_id, departs_at, meeting_point_tg, meeting_point_ru, meeting_point_uz,
                                           seats)
                    values ((select id from location where code = 'zhibek_zholy'), now() + interval '1 day',
                            'Назди гумрук', 'У здания таможни', 'Bojxona binosi oldida', ?)
                    returning id""", people.size())).longValue();
            tx.execute("""
                    insert into departure_assignment (registration_id, departure_id)
                    select id, ? from registration where code like 'W%'""", departure);
            return departure;
        });
    }
}
