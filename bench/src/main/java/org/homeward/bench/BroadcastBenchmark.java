package org.homeward.bench;

import static org.homeward.db.jooq.Tables.STAFF_ACCOUNT;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.homeward.admin.AdminApp;
import org.homeward.admin.AdminConfig;
import org.homeward.admin.account.Passwords;
import org.homeward.bot.delivery.Delivery;
import org.homeward.bot.delivery.DeliveryConfig;
import org.homeward.bot.transport.TelegramClients;
import org.homeward.db.Database;
import org.homeward.i18n.Language;
import org.homeward.telegram.fake.FakeBot;
import org.homeward.telegram.fake.FakeTelegram;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;

/**
 * A broadcast to 60,000 people created through the admin app (issue 13): N registered people at one place (and a
 * tenth as many elsewhere, who must not get it), two staff members logged in over HTTP; one writes the broadcast in
 * three languages for that place and asks to send it now, the other approves it (above the approval threshold).
 * Measures each request's time, the approving one carrying the whole enqueue ("accepted"); then the delivery engine
 * sends through the fake Bot API, which enforces the configured rate, for a window, and the pace is measured from the
 * fake's side. Arguments: [people] [window-s] [rate per second].
 */
final class BroadcastBenchmark {
    private static final String TOKEN = "8000005:BROADCASTbench_token_abcdefgh";
    private static final String PASSWORD = "bench password for staff";

    private BroadcastBenchmark() {}

    static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        int windowSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        try (TestDatabase db = TestPostgres.newDatabase();
             Database database = Database.connect(db.jdbcUrl(), db.user(), "", 20);
             FakeTelegram fake = FakeTelegram.start(0)) {
            FakeBot bot = fake.bot(TOKEN);
            bot.limits().perSecond(rate).enabled(true);
            long t0 = System.nanoTime();
            int others = people / 10;
            List<Long> chats = new ArrayList<>(people + others);
            for (int i = 0; i < people + others; i++) {
                chats.add(bot.newUser("P" + i, Language.values()[i % 3].code()).chatId());
            }
            seed(database, chats, people);
            System.out.printf("seeded %,d people at the place and %,d elsewhere in %.1f s%n", people, others,
                    (System.nanoTime() - t0) / 1e9);

            AdminApp app = AdminApp.start(database, AdminConfig.local(0), Clock.systemUTC(),
                    new PrintStream(OutputStream.nullOutputStream()));
            for (String email : List.of("writer@example.org", "approver@example.org")) {
                database.dsl().insertInto(STAFF_ACCOUNT).set(STAFF_ACCOUNT.EMAIL, email)
                        .set(STAFF_ACCOUNT.ROLE, "staff").set(STAFF_ACCOUNT.LANGUAGE, "en")
                        .set(STAFF_ACCOUNT.PASSWORD_HASH, Passwords.owasp().hash(PASSWORD))
                        .set(STAFF_ACCOUNT.CREATED_AT, Instant.now()).set(STAFF_ACCOUNT.UPDATED_AT, Instant.now()).execute();
            }
            Server server = AdminApp.newServer(0, app);
            server.start();
            OkHttpClient http = TelegramClients.okHttp();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            DeliveryConfig config = DeliveryConfig.defaults().withBotRate(rate);
            try (Delivery delivery = Delivery.create(config, database.dataSource(), http, TOKEN, fake.baseUrl(), registry)) {
                URI base = URI.create("http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
                StaffBrowser writer = new StaffBrowser(base);
                writer.login("writer@example.org", PASSWORD);
                StaffBrowser approver = new StaffBrowser(base);
                approver.login("approver@example.org", PASSWORD);
                int place = database.dsl().fetchSingle("select id from location where code = 'zhibek_zholy'").get(0, Integer.class);

                String composer = writer.page("/admin/broadcasts/new");
                long start = System.nanoTime();
                HttpResponse<String> created = writer.post("/admin/broadcasts", Map.of(
                        "_csrf", csrf(composer),
                        "text_tg", "🚌 Автобусҳо аз гузаргоҳи «Жибек Жолы» фардо соати 9:00 ҳаракат мекунанд. Ҳуҷҷатҳоро омода кунед.",
                        "text_ru", "🚌 Автобусы от КПП «Жибек Жолы» отправляются завтра в 9:00. Подготовьте документы.",
                        "text_uz", "🚌 Avtobuslar «Jibek Joli» postidan ertaga soat 9:00 da joʻnaydi. Hujjatlarni tayyorlang.",
                        "place", String.valueOf(place), "registered", "any"));
                double createMs = (System.nanoTime() - start) / 1e6;
                String location = created.headers().firstValue("location").orElseThrow(
                        () -> new IllegalStateException("create answered " + created.statusCode()));
                String path = location.replaceAll("\\?.*", "");
                String page = writer.page(path);
                start = System.nanoTime();
                HttpResponse<String> sent = writer.post(path + "/send", Map.of("_csrf", csrf(page),
                        "version", version(page), "when", "now"));
                double sendMs = (System.nanoTime() - start) / 1e6;
                page = approver.page(path);
                start = System.nanoTime();
                HttpResponse<String> approved = approver.post(path + "/approve", Map.of("_csrf", csrf(page),
                        "version", version(page)));
                double approveMs = (System.nanoTime() - start) / 1e6;
                Instant acceptedAt = Instant.now();
                long queued = database.dsl().fetchSingle("select count(*) from delivery").get(0, Long.class);
                System.out.printf("%ncreate (draft, counted)   %8.1f ms  (%d)%n", createMs, created.statusCode());
                System.out.printf("send now -> needs approval %7.1f ms  (%d)%n", sendMs, sent.statusCode());
                System.out.printf("approve = accepted, queued %7.1f ms  (%d)  %,d recipient rows%n", approveMs,
                        approved.statusCode(), queued);
                if (queued != people) {
                    throw new IllegalStateException("expected " + people + " recipients, queued " + queued);
                }

                delivery.start();
                Instant end = acceptedAt.plusSeconds(windowSeconds);
                while (Instant.now().isBefore(end) && bot.calls("sendMessage").size() < people) {
                    Thread.sleep(200); // a benchmark's wall-clock window, not a test
                }
                var perSecond = bot.sendsPerSecond();
                int total = perSecond.values().stream().mapToInt(Integer::intValue).sum();
                // The steady pace: whole seconds between the first and the last second that sent anything.
                List<Integer> counts = new ArrayList<>(perSecond.values());
                List<Integer> steady = counts.size() > 2 ? counts.subList(1, counts.size() - 1) : counts;
                double pace = steady.stream().mapToInt(Integer::intValue).average().orElse(0);
                int outside = outsiders(bot, chats, people);
                String progress = writer.page(path + "/progress");
                System.out.printf("delivered in the %d s window: %,d (steady pace %.1f/s, configured %d/s, max in one"
                        + " second %d, 429s %d); outside the audience: %d%n", windowSeconds, total, pace, rate,
                        bot.maxSendsInOneSecond(), bot.tooManyRequestsAnswered(), outside);
                System.out.println("progress fragment: " + progress.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip());
            } finally {
                server.stop();
                http.dispatcher().executorService().shutdown();
            }
        }
    }

    /** How many people not at the place got something (must be 0). */
    private static int outsiders(FakeBot bot, List<Long> chats, int people) {
        int n = 0;
        for (int i = people; i < chats.size(); i++) {
            if (!bot.messagesTo(chats.get(i)).isEmpty()) {
                n++;
            }
        }
        return n;
    }

    /** The first {@code atPlace} chats registered at Zhibek Zholy, the rest at Shymkent; every registration confirmed. */
    private static void seed(Database database, List<Long> chats, int atPlace) {
        Long[] ids = chats.toArray(Long[]::new);
        var dsl = database.dsl();
        dsl.execute("insert into telegram_user (chat_id, language, consent_version, consent_at)"
                + " select c, (array['tg','ru','uz'])[1 + (n % 3)], 1, now() from unnest(?::bigint[]) with ordinality as u(c, n)",
                (Object) ids);
        dsl.execute("insert into registration (chat_id, status, location_id, destination_id, confirmed_at)"
                + " select c, 'confirmed', (select id from location where code = case when n <= ? then 'zhibek_zholy'"
                + " else 'shymkent' end), (select id from destination where code = 'tj_sughd'), now()"
                + " from unnest(?::bigint[]) with ordinality as u(c, n)", atPlace, ids);
        dsl.execute("insert into traveller (registration_id, position, relation, full_name)"
                + " select id, 0, 'self', 'Bench Person ' || id from registration");
        dsl.execute("analyze");
    }

    private static String csrf(String page) {
        return StaffBrowser.field(page, "_csrf");
    }

    private static String version(String page) {
        return StaffBrowser.field(page, "version");
    }
}
