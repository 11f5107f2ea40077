package org.homeward.bench.delivery;

import static org.homeward.db.jooq.Tables.DELIVERY;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import org.homeward.bot.delivery.Delivery;
import org.homeward.bot.delivery.DeliveryConfig;
import org.homeward.bot.transport.TelegramClients;
import org.homeward.core.outbox.Audience;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.outbox.OutgoingMessage.Text;
import org.homeward.core.outbox.OutgoingMessage;
import org.homeward.i18n.Language;
import org.homeward.telegram.fake.FakeBot;
import org.homeward.telegram.fake.FakeTelegram;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Delivery benchmarks against the fake Bot API (in this JVM) and an embedded PostgreSQL:
 * {@code rate} (Telegram's 30/s held over 6,000 recipients), {@code paid} (paid broadcasts, fake limits raised to
 * 1,000/s) and {@code enqueue} (queueing 100,000 recipients). Arguments: the scenarios to run (default all).
 */
public final class DeliveryBenchmark {
    private static final String TOKEN = "700000:bench";
    private static final int PAID_WARM_UP = 10_000;

    private DeliveryBenchmark() {}

    /** Runs the scenarios named in {@code args}, or all. */
    public static void main(String[] args) throws Exception {
        List<String> scenarios = args.length == 0 ? List.of("enqueue", "paid", "rate") : List.of(args);
        for (String scenario : scenarios) {
            switch (scenario) {
                case "rate" -> rate(6_000);
                case "paid" -> paid(60_000);
                case "enqueue" -> enqueue(100_000);
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        }
        System.exit(0);
    }

    /** Telegram's free limit, enforced by the fake: target at least 98% of 30/s and no 429. */
    static void rate(int recipients) throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase(); FakeTelegram telegram = FakeTelegram.start(0)) {
            FakeBot bot = telegram.bot(TOKEN);
            bot.limits().perSecond(30).enabled(true);
            DSLContext dsl = dsl(db);
            people(dsl, bot, recipients);
            DeliveryConfig config = DeliveryConfig.defaults();
            Result r = run(db, dsl, telegram, bot, config, false, Audience.everyone());
            SortedMap<Long, Integer> perSecond = bot.sendsPerSecond();
            System.out.printf(Locale.ROOT, "rate: %d recipients in %.1f s = %.2f msg/s (%.1f%% of 30/s); 429s: %d;"
                            + " most in one second: %d%n", recipients, r.seconds, r.perSecond, r.perSecond / 30 * 100,
                    bot.tooManyRequestsAnswered(), perSecond.values().stream().mapToInt(i -> i).max().orElse(0));
        }
    }

    /**
     * Paid broadcasts with allow_paid_broadcast: the fake's limit raised to 1,000/s; target 1,000 msg/s sustained.
     * A first broadcast to {@link #PAID_WARM_UP} other people warms the JIT up and is not measured.
     */
    static void paid(int recipients) throws Exception {
        try (TestDatabase db = TestPostgres.newDatabase(); FakeTelegram telegram = FakeTelegram.start(0)) {
            FakeBot bot = telegram.bot(TOKEN);
            bot.limits().perSecond(1000).enabled(true);
            DSLContext dsl = dsl(db);
            List<Long> ids = people(dsl, bot, PAID_WARM_UP + recipients);
            DeliveryConfig config = DeliveryConfig.defaults().withPaidRate(1000);
            run(db, dsl, telegram, bot, config, true, Audience.chats(ids.subList(0, PAID_WARM_UP)));
            bot.clearCalls();
            Result r = run(db, dsl, telegram, bot, config, true, Audience.chats(ids.subList(PAID_WARM_UP, ids.size())));
            // Sustained: the full seconds between the first and the last (a partial second at each end).
            SortedMap<Long, Integer> perSecond = bot.sendsPerSecond();
            List<Integer> full = new ArrayList<>(perSecond.values());
            if (full.size() > 2) {
                full = full.subList(1, full.size() - 1);
            }
            double sustained = full.stream().mapToInt(i -> i).average().orElse(0);
            if (System.getenv("BENCH_DEBUG") != null) {
                System.out.println("paid: sends per second: " + perSecond.values());
            }
            System.out.printf(Locale.ROOT, "paid: %d recipients in %.1f s = %.1f msg/s overall, %.1f msg/s sustained"
                            + " (full seconds, min %d, max %d); 429s: %d%n", recipients, r.seconds, r.perSecond,
                    sustained, full.stream().mapToInt(i -> i).min().orElse(0),
                    full.stream().mapToInt(i -> i).max().orElse(0), bot.tooManyRequestsAnswered());
        }
    }

    /** Queueing a message for 100,000 people in one transaction: target under 3 s. */
    static void enqueue(int recipients) {
        try (TestDatabase db = TestPostgres.newDatabase()) {
            DSLContext dsl = dsl(db);
            dsl.execute("insert into telegram_user (chat_id, language) select g, (array['ru','tg','uz'])[1 + g % 3]"
                    + " from generate_series(1, ?) g", recipients);
            dsl.execute("vacuum analyze telegram_user");
            Outbox queue = new Outbox();
            for (int run = 1; run <= 3; run++) {
                long start = System.nanoTime();
                long id = dsl.transactionResult(c -> queue.enqueue(c.dsl(), message(false), Audience.everyone()));
                double seconds = (System.nanoTime() - start) / 1e9;
                int rows = dsl.fetchCount(DELIVERY, DELIVERY.MESSAGE_ID.eq(id));
                System.out.printf(Locale.ROOT, "enqueue: run %d: %d recipients queued in %.2f s%n", run, rows, seconds);
            }
        }
    }

    private record Result(double seconds, double perSecond) {}

    private static Result run(TestDatabase db, DSLContext dsl, FakeTelegram telegram, FakeBot bot,
                              DeliveryConfig config, boolean paid, Audience audience) throws Exception {
        Outbox queue = new Outbox();
        long id = queue.enqueue(dsl, message(paid), audience);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (Delivery delivery = Delivery.create(config, db.dataSource(), TelegramClients.okHttp(), TOKEN,
                telegram.baseUrl(), registry)) {
            delivery.start();
            // Once a second, as a progress page would: counting 60,000 rows ten times a second would take a
            // share of the two cores from the sending being measured.
            while (!queue.progress(dsl, id).orElseThrow().done()) {
                Thread.sleep(1000);
            }
        }
        var sends = bot.calls("sendMessage").stream().filter(c -> c.status() == 200).toList();
        double seconds = Duration.between(sends.getFirst().time(), sends.getLast().time()).toNanos() / 1e9;
        return new Result(seconds, (sends.size() - 1) / seconds);
    }

    private static OutgoingMessage message(boolean paid) {
        return new OutgoingMessage("broadcast", Text.written(Map.of(Language.RU, "Автобус отправляется в 9:00",
                Language.TG, "Автобус соати 9:00 меравад", Language.UZ, "Avtobus soat 9:00 da joʻnaydi")),
                List.of(), paid);
    }

    private static List<Long> people(DSLContext dsl, FakeBot bot, int count) {
        String[] languages = {"ru", "tg", "uz"};
        List<Long> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(bot.newUser("U" + i, languages[i % 3]).chatId());
        }
        dsl.execute("insert into telegram_user (chat_id, language) select id, (array['ru','tg','uz'])[1 + (ord % 3)::int]"
                + " from unnest(?::bigint[]) with ordinality as t(id, ord)", (Object) ids.toArray(Long[]::new));
        return ids;
    }

    private static DSLContext dsl(TestDatabase db) {
        return DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    }
}
