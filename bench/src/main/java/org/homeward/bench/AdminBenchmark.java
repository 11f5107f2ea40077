package org.homeward.bench;

import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.STAFF_ACCOUNT;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;
import static org.homeward.db.jooq.Tables.TRAVELLER;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.homeward.admin.AdminApp;
import org.homeward.admin.AdminConfig;
import org.homeward.admin.account.Passwords;
import org.homeward.core.registrations.NameKeys;
import org.homeward.core.registrations.RegistrationCodes;
import org.homeward.db.Database;
import org.homeward.db.EmbeddedPostgresServer;
import org.homeward.db.enums.RegistrationStatus;
import org.homeward.db.enums.StaffStatus;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The admin app over 100,000 registrations with their families, written in Tajik, Russian (Cyrillic) and Uzbek
 * (Latin) spellings: a staff member logged in over HTTP asks for the list, filtered lists, name searches (a Latin
 * spelling that must find Cyrillic names) and other pages, and each answer's time (request sent to the whole body
 * received, over loopback) and size are recorded. Targets: p95 under 200 ms, every page under 100 KB.
 */
final class AdminBenchmark {
    private static final String PASSWORD = "bench password for staff";
    // Surnames as each language writes them: [Tajik Cyrillic, Russian Cyrillic, Uzbek Latin].
    private static final String[][] SURNAMES = {
        {"Назаров", "Назаров", "Nazarov"}, {"Ҷӯраев", "Джураев", "Joʻrayev"}, {"Раҳимов", "Рахимов", "Rahimov"},
        {"Қодиров", "Кодиров", "Qodirov"}, {"Шарипов", "Шарипов", "Sharipov"}, {"Сафаров", "Сафаров", "Safarov"},
        {"Каримов", "Каримов", "Karimov"}, {"Ҳамидов", "Хамидов", "Hamidov"}, {"Мирзоев", "Мирзоев", "Mirzoyev"},
        {"Саидов", "Саидов", "Saidov"}, {"Латипов", "Латыпов", "Latipov"}, {"Юсупов", "Юсупов", "Yusupov"},
        {"Тоҷиддинов", "Таджиддинов", "Tojiddinov"}, {"Ғафуров", "Гафуров", "Gʻafurov"}, {"Зокиров", "Зокиров", "Zokirov"},
        {"Собиров", "Собиров", "Sobirov"}, {"Холов", "Холов", "Xolov"}, {"Давлатов", "Давлатов", "Davlatov"},
        {"Маҳмудов", "Махмудов", "Mahmudov"}, {"Азизов", "Азизов", "Azizov"}, {"Олимов", "Олимов", "Olimov"},
        {"Неъматов", "Нематов", "Nematov"}, {"Файзуллоев", "Файзуллаев", "Fayzullayev"}, {"Бобоев", "Бобоев", "Boboyev"},
        {"Ашуров", "Ашуров", "Ashurov"}, {"Усмонов", "Усманов", "Usmonov"}, {"Ҳасанов", "Хасанов", "Hasanov"},
        {"Исмоилов", "Исмаилов", "Ismoilov"}, {"Турсунов", "Турсунов", "Tursunov"}, {"Пулатов", "Пулатов", "Poʻlatov"}};
    private static final String[][] GIVEN = {
        {"Фарҳод", "Фарход", "Farhod"}, {"Акмал", "Акмал", "Akmal"}, {"Ҷамшед", "Джамшед", "Jamshid"},
        {"Рустам", "Рустам", "Rustam"}, {"Далер", "Далер", "Daler"}, {"Умед", "Умед", "Umid"},
        {"Баҳром", "Бахром", "Bahrom"}, {"Сино", "Сино", "Sino"}, {"Комрон", "Комрон", "Komron"},
        {"Фируз", "Фируз", "Firuz"}, {"Зарина", "Зарина", "Zarina"}, {"Мадина", "Мадина", "Madina"},
        {"Нилуфар", "Нилуфар", "Nilufar"}, {"Гулноза", "Гульноза", "Gulnoza"}, {"Ёқуб", "Якуб", "Yoqub"},
        {"Иброҳим", "Ибрагим", "Ibrohim"}, {"Шавкат", "Шавкат", "Shavkat"}, {"Дилноза", "Дильноза", "Dilnoza"},
        {"Муҳаммад", "Мухаммад", "Muhammad"}, {"Парвина", "Парвина", "Parvina"}};
    private static final String[] LANGUAGES = {"tg", "ru", "uz"};

    private AdminBenchmark() {}

    static void main(String[] args) throws Exception {
        int registrations = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path dir = Files.createTempDirectory("homeward-bench-admin");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"));
                Database database = Database.connect(pg.jdbcUrl(), pg.user(), null, 20)) {
            long t0 = System.nanoTime();
            int travellers = seed(database.dsl(), registrations, new Random(42));
            database.dsl().execute("analyze");
            System.out.printf("seeded %,d registrations, %,d travellers in %.1f s%n", registrations, travellers,
                    (System.nanoTime() - t0) / 1e9);

            AdminApp app = AdminApp.start(database, AdminConfig.local(0), Clock.systemUTC(),
                    new PrintStream(OutputStream.nullOutputStream()));
            database.dsl().insertInto(STAFF_ACCOUNT).set(STAFF_ACCOUNT.EMAIL, "bench@example.org")
                    .set(STAFF_ACCOUNT.ROLE, "staff").set(STAFF_ACCOUNT.LANGUAGE, "en")
                    .set(STAFF_ACCOUNT.PASSWORD_HASH, Passwords.owasp().hash(PASSWORD))
                    .set(STAFF_ACCOUNT.CREATED_AT, Instant.now()).set(STAFF_ACCOUNT.UPDATED_AT, Instant.now()).execute();
            Server server = AdminApp.newServer(0, app);
            server.start();
            try {
                URI base = URI.create("http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
                StaffBrowser client = new StaffBrowser(base);
                client.login("bench@example.org", PASSWORD);
                run(client, database.dsl(), samples);
            } finally {
                server.stop();
            }
        }
    }

    private static void run(StaffBrowser client, DSLContext dsl, int samples) throws Exception {
        Random random = new Random(7);
        long maxId = dsl.select(DSL.max(REGISTRATION.ID)).from(REGISTRATION).fetchOne(0, Long.class);
        List<Integer> places = dsl.fetch("select id from location").getValues(0, Integer.class);
        List<Integer> destinations = dsl.fetch("select id from destination").getValues(0, Integer.class);
        List<String> needs = List.of("pregnancy", "illness", "disability", "elderly", "unaccompanied_child",
                "no_food_water", "no_shelter");
        String[] statuses = {"registered", "verified", "assigned"};
        System.out.println();
        System.out.println("case                         n    p50 ms   p95 ms   max ms   largest page");
        measure(client, "list, first page", samples, () -> "/admin/registrations");
        measure(client, "list, a later page (keyset)", samples,
                () -> "/admin/registrations?after=" + (1 + random.nextLong(maxId)));
        measure(client, "filtered: place+status+lang", samples, () -> "/admin/registrations?place="
                + places.get(random.nextInt(places.size())) + "&status=" + statuses[random.nextInt(3)]
                + "&language=" + LANGUAGES[random.nextInt(3)]);
        measure(client, "filtered: need+destination", samples, () -> "/admin/registrations?need="
                + needs.get(random.nextInt(needs.size())) + "&destination=" + destinations.get(random.nextInt(destinations.size())));
        measure(client, "filtered: dates+no departure", samples, () -> {
            LocalDate from = LocalDate.now().minusDays(1 + random.nextInt(60));
            return "/admin/registrations?from=" + from + "&to=" + from.plusDays(3) + "&departure=none";
        });
        measure(client, "name: Latin surname", samples,
                () -> "/admin/registrations?q=" + enc(SURNAMES[random.nextInt(SURNAMES.length)][2]));
        measure(client, "name: Latin given+surname", samples, () -> "/admin/registrations?q="
                + enc(GIVEN[random.nextInt(GIVEN.length)][2] + " " + SURNAMES[random.nextInt(SURNAMES.length)][2]));
        measure(client, "name: Cyrillic surname", samples,
                () -> "/admin/registrations?q=" + enc(SURNAMES[random.nextInt(SURNAMES.length)][1]));
        measure(client, "phone digits", samples, () -> "/admin/registrations?q=" + (1_000_000 + random.nextInt(8_999_999)));
        measure(client, "detail (audited)", samples, () -> "/admin/registrations/" + (1 + random.nextLong(maxId)));
        measure(client, "dashboard", Math.max(20, samples / 10), () -> "/admin/");
        measure(client, "duplicates", Math.max(20, samples / 10), () -> "/admin/duplicates");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void measure(StaffBrowser client, String name, int samples, Supplier<String> path) throws Exception {
        for (int i = 0; i < Math.min(50, samples); i++) {
            client.get(path.get()); // warm-up: the JIT and PostgreSQL's caches
        }
        long[] nanos = new long[samples];
        int largest = 0;
        for (int i = 0; i < samples; i++) {
            String p = path.get();
            long start = System.nanoTime();
            HttpResponse<byte[]> r = client.get(p);
            nanos[i] = System.nanoTime() - start;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(p + " answered " + r.statusCode());
            }
            largest = Math.max(largest, r.body().length);
        }
        Arrays.sort(nanos);
        System.out.printf("%-28s %4d %8.1f %8.1f %8.1f   %,9d B%n", name, samples, nanos[samples / 2] / 1e6,
                nanos[(int) Math.ceil(samples * 0.95) - 1] / 1e6, nanos[samples - 1] / 1e6, largest);
    }

    /**
     * {@code count} registrations over the last 60 days, oldest first, with 0 to 4 family members (1.5 on average):
     * half written by Tajik speakers, a fifth by Russian, the rest by Uzbek (in Latin); statuses, needs, places and
     * destinations spread as an operation would have them. Returns how many travellers were written.
     */
    static int seed(DSLContext dsl, int count, Random random) {
        RegistrationCodes codes = new RegistrationCodes(random);
        Set<String> used = new HashSet<>();
        List<Integer> places = dsl.fetch("select id from location order by id").getValues(0, Integer.class);
        List<Integer> destinations = dsl.fetch("select id from destination order by id").getValues(0, Integer.class);
        String[] needs = {"pregnancy", "illness", "disability", "elderly", "unaccompanied_child", "no_food_water", "no_shelter"};
        Instant start = Instant.now().minusSeconds(60L * 86_400);
        long step = 60L * 86_400 * 1000 / Math.max(1, count);
        int batch = 1000;
        int travellers = 0;
        long document = 10_000_000;
        for (int from = 0; from < count; from += batch) {
            int n = Math.min(batch, count - from);
            var users = dsl.insertInto(TELEGRAM_USER, TELEGRAM_USER.CHAT_ID, TELEGRAM_USER.LANGUAGE,
                    TELEGRAM_USER.CONSENT_VERSION, TELEGRAM_USER.CONSENT_AT);
            int[] lang = new int[n];
            for (int i = 0; i < n; i++) {
                int roll = random.nextInt(10);
                lang[i] = roll < 5 ? 0 : roll < 7 ? 1 : 2;
                users = users.values(1_000_000L + from + i, LANGUAGES[lang[i]], 1, start);
            }
            users.execute();
            var regs = dsl.insertInto(REGISTRATION, REGISTRATION.CODE, REGISTRATION.CHAT_ID, REGISTRATION.STATUS,
                    REGISTRATION.STAFF_STATUS, REGISTRATION.PHONE, REGISTRATION.LOCATION_ID, REGISTRATION.DESTINATION_ID,
                    REGISTRATION.DESTINATION_DISTRICT, REGISTRATION.NEEDS, REGISTRATION.CREATED_AT,
                    REGISTRATION.UPDATED_AT, REGISTRATION.CONFIRMED_AT);
            for (int i = 0; i < n; i++) {
                String code;
                do {
                    code = codes.next();
                } while (!used.add(code));
                int roll = random.nextInt(100);
                StaffStatus status = roll < 55 ? StaffStatus.REGISTERED : roll < 75 ? StaffStatus.VERIFIED
                        : roll < 85 ? StaffStatus.ASSIGNED : roll < 95 ? StaffStatus.DEPARTED : StaffStatus.CANCELLED;
                List<String> has = new ArrayList<>();
                if (random.nextInt(100) < 15) {
                    has.add(needs[random.nextInt(needs.length)]);
                }
                Instant at = start.plusMillis(step * (from + i));
                regs = regs.values(code, 1_000_000L + from + i,
                        status == StaffStatus.CANCELLED ? RegistrationStatus.CANCELLED : RegistrationStatus.CONFIRMED,
                        status, "+99290" + String.format("%07d", from + i), places.get(random.nextInt(places.size())),
                        destinations.get(random.nextInt(destinations.size())), "District " + random.nextInt(50),
                        has.toArray(String[]::new), at, at, at);
            }
            List<Long> ids = regs.returningResult(REGISTRATION.ID).fetch().getValues(REGISTRATION.ID);
            var people = dsl.insertInto(TRAVELLER, TRAVELLER.REGISTRATION_ID, TRAVELLER.POSITION, TRAVELLER.RELATION,
                    TRAVELLER.FULL_NAME, TRAVELLER.NAME_KEY, TRAVELLER.BIRTH_DATE, TRAVELLER.SEX, TRAVELLER.CITIZENSHIP,
                    TRAVELLER.DOCUMENT_TYPE, TRAVELLER.DOCUMENT_NUMBER, TRAVELLER.CREATED_AT, TRAVELLER.UPDATED_AT);
            for (int i = 0; i < n; i++) {
                int l = lang[i];
                String[] surname = SURNAMES[random.nextInt(SURNAMES.length)];
                int family = random.nextInt(100) < 40 ? 0 : 1 + random.nextInt(random.nextInt(100) < 70 ? 1 : 4);
                Instant at = start.plusMillis(step * (from + i));
                for (int p = 0; p <= family; p++) {
                    String name = surname[l] + " " + GIVEN[random.nextInt(GIVEN.length)][l];
                    LocalDate birth = LocalDate.of(p == 0 ? 1960 + random.nextInt(45) : 2005 + random.nextInt(20),
                            1 + random.nextInt(12), 1 + random.nextInt(28));
                    people = people.values(ids.get(i), p, p == 0 ? "self" : "child", name, NameKeys.of(name), birth,
                            random.nextBoolean() ? "F" : "M", l == 2 ? "UZ" : "TJ", p == 0 ? "passport" : null,
                            p == 0 ? "A" + document++ : null, at, at);
                    travellers++;
                }
            }
            people.execute();
        }
        // Two departures from each place; those assigned or departed are on their place's first.
        dsl.execute("""
                insert into departure (location_id, departs_at, meeting_point_tg, meeting_point_ru, meeting_point_uz, seats)
                select l.id, now() + g * interval '1 day', 'Автовокзал', 'Автовокзал', 'Avtovokzal', 50
                from location l, generate_series(1, 2) g""");
        dsl.execute("""
                insert into departure_assignment (registration_id, departure_id)
                select r.id, (select min(d.id) from departure d where d.location_id = r.location_id)
                from registration r where r.staff_status in ('assigned', 'departed')""");
        return travellers;
    }
}
