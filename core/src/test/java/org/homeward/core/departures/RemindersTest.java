package org.homeward.core.departures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.DELIVERY;
import static org.homeward.db.jooq.Tables.DELIVERY_MESSAGE;
import static org.homeward.db.jooq.Tables.REGISTRATION;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.homeward.core.Domain;
import org.homeward.core.departures.StaffDepartures.Plan;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.outbox.Outbox.Stored;
import org.homeward.core.outbox.OutgoingMessage;
import org.homeward.core.registrations.Confirmation;
import org.homeward.core.registrations.RegistrationCodes;
import org.homeward.core.registrations.RegistrationForm;
import org.homeward.core.registrations.Traveller;
import org.homeward.i18n.Language;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The departure reminders on a real PostgreSQL with a fixed clock: 24 h and 2 h before, not to those who cannot come,
 * in each person's language; armed again when the time changes, never sent late, and once however many runs race.
 * Each test's bus leaves on its own day, so the tests' reminder windows never overlap.
 */
class RemindersTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Outbox OUTBOX = new Outbox();
    private static final RegistrationCodes CODES = new RegistrationCodes(new Random(5));
    private static TestDatabase db;
    private static DSLContext dsl;
    private static long nextChat = 500;
    private static int nextDocument = 5000;

    @BeforeAll
    static void database() {
        db = TestPostgres.newDatabase();
        dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static int id(String table, String code) {
        return dsl.fetchSingle("select id from " + table + " where code = ?", code).get(0, Integer.class);
    }

    private static Plan plan(LocalDateTime at) {
        return new Plan(id("location", "shymkent"), List.of(), at, "назди дарвоза", "у ворот", "darvoza oldida",
                null, null, 40, null, "паспорт", null);
    }

    private static StaffDepartures staff() {
        return new StaffDepartures(dsl, OUTBOX);
    }

    private static int run(Instant at) {
        return new Reminders(dsl, OUTBOX, Clock.fixed(at, ZoneOffset.UTC)).run();
    }

    private static Instant departsAt(long departure) {
        return staff().find(departure).orElseThrow().getDepartsAt();
    }

    private static long register(Language language) {
        long chat = nextChat++;
        String doc = "RM" + (nextDocument++);
        return dsl.transactionResult(c -> {
            Domain d = Domain.on(c.dsl(), CODES);
            d.people().touch(chat, NOW);
            d.people().setLanguage(chat, language);
            var form = new RegistrationForm(null, new Traveller("Каримов Далер", LocalDate.of(1990, 3, 8), "M", "TJ",
                    "self", "passport", doc), "+9929100" + (nextDocument - 1), id("location", "shymkent"), null,
                    id("destination", "tj_sughd"), "Истаравшан", List.of(), Set.of());
            if (!(d.registrations().confirm(chat, form, NOW) instanceof Confirmation.Saved saved)) {
                throw new IllegalStateException("not saved");
            }
            return saved.registrationId();
        });
    }

    /** The reminders queued for the chat of {@code registrationId}, oldest first. */
    private static List<OutgoingMessage> reminders(long registrationId) {
        long chat = dsl.select(REGISTRATION.CHAT_ID).from(REGISTRATION).where(REGISTRATION.ID.eq(registrationId))
                .fetchSingle().value1();
        List<Long> ids = dsl.select(DELIVERY.MESSAGE_ID).from(DELIVERY).join(DELIVERY_MESSAGE)
                .on(DELIVERY_MESSAGE.ID.eq(DELIVERY.MESSAGE_ID))
                .where(DELIVERY.CHAT_ID.eq(chat), DELIVERY_MESSAGE.KIND.eq("departure_reminder"))
                .orderBy(DELIVERY.MESSAGE_ID).fetch(DELIVERY.MESSAGE_ID);
        Map<Long, Stored> stored = OUTBOX.messages(dsl, ids);
        return ids.stream().map(id -> ((Stored.Readable) stored.get(id)).message()).toList();
    }

    private static String key(OutgoingMessage m) {
        return ((OutgoingMessage.Text.Key) m.text()).key();
    }

    @Test
    void remindersGo24HoursAnd2HoursBeforeToEveryoneWhoHasNotDeclined() {
        long bus = staff().create(plan(LocalDateTime.of(2026, 12, 5, 7, 30)), NOW);
        long unanswered = register(Language.TG);
        long coming = register(Language.UZ);
        long declined = register(Language.RU);
        staff().assign(bus, List.of(unanswered, coming, declined), NOW);
        new Departures(dsl).answer(coming, true, NOW);
        new Departures(dsl).answer(declined, false, NOW);
        Instant at = departsAt(bus);

        assertThat(run(at.minus(Duration.ofHours(25)))).isZero();
        assertThat(reminders(unanswered)).isEmpty();

        assertThat(run(at.minus(Duration.ofHours(24)))).isEqualTo(1);
        assertThat(reminders(unanswered)).singleElement().satisfies(m -> {
            assertThat(key(m)).isEqualTo("dep.reminder.24h");
            // 07:30 at Shymkent (Asia/Almaty), in Tajik; the answer buttons, since no answer yet.
            assertThat(m.text().render(Language.TG)).contains("7:30").contains("назди дарвоза");
            assertThat(m.keyboard()).flatExtracting(row -> row).extracting(OutgoingMessage.Button::callbackData)
                    .containsExactly("g:dep:" + bus + ":y", "g:dep:" + bus + ":n");
        });
        assertThat(reminders(coming)).singleElement().satisfies(m -> {
            assertThat(m.text().render(Language.UZ)).contains("darvoza oldida").contains("Eslatma");
            assertThat(m.keyboard()).isEmpty();
        });
        assertThat(reminders(declined)).isEmpty();

        // Run again within the window (the next minute, or another instance): nothing more.
        assertThat(run(at.minus(Duration.ofHours(23)))).isZero();
        assertThat(reminders(unanswered)).hasSize(1);

        assertThat(run(at.minus(Duration.ofHours(2)))).isEqualTo(1);
        assertThat(reminders(unanswered)).extracting(RemindersTest::key).containsExactly("dep.reminder.24h", "dep.reminder.2h");
        assertThat(reminders(coming)).extracting(RemindersTest::key).containsExactly("dep.reminder.24h", "dep.reminder.2h");
        assertThat(reminders(declined)).isEmpty();
        assertThat(run(at.minus(Duration.ofMinutes(30)))).isZero();
        // After the time nothing is sent.
        assertThat(run(at.plusSeconds(60))).isZero();
    }

    @Test
    void aTimeChangeArmsTheRemindersAgainAndAMomentAlreadyPassedIsNotSentLate() {
        long bus = staff().create(plan(LocalDateTime.of(2026, 12, 10, 7, 30)), NOW);
        long person = register(Language.RU);
        staff().assign(bus, List.of(person), NOW);
        Instant at = departsAt(bus);
        assertThat(run(at.minus(Duration.ofHours(24)))).isEqualTo(1);

        // Moved two days later: the day-before reminder goes again, relative to the new time.
        Instant change = at.minus(Duration.ofHours(20));
        staff().edit(bus, plan(LocalDateTime.of(2026, 12, 12, 7, 30)), change);
        Instant later = departsAt(bus);
        assertThat(run(change)).isZero();
        assertThat(run(later.minus(Duration.ofHours(24)))).isEqualTo(1);
        assertThat(reminders(person)).extracting(RemindersTest::key).containsExactly("dep.reminder.24h", "dep.reminder.24h");

        // Moved to 10 hours from now: its 24 h moment has passed, so only the 2 h one comes.
        Instant change2 = later.minus(Duration.ofHours(20));
        staff().edit(bus, plan(LocalDateTime.of(2026, 12, 11, 21, 30)), change2);
        Instant soon = departsAt(bus);
        assertThat(soon).isEqualTo(change2.plus(Duration.ofHours(10)));
        assertThat(run(change2)).isZero();
        assertThat(run(soon.minus(Duration.ofHours(3)))).isZero();
        assertThat(run(soon.minus(Duration.ofHours(2)))).isEqualTo(1);
        assertThat(reminders(person)).extracting(RemindersTest::key)
                .containsExactly("dep.reminder.24h", "dep.reminder.24h", "dep.reminder.2h");
    }

    @Test
    void aBusCreatedCloseToItsTimeAndACancelledBusRemindNobodyBeforeTheirTime() {
        Instant created = Instant.parse("2026-12-15T10:00:00Z");
        // 07:30 next day in Shymkent is 02:30Z: 16.5 h after creation, so no day-before reminder.
        long close = staff().create(plan(LocalDateTime.of(2026, 12, 16, 7, 30)), created);
        long person = register(Language.RU);
        staff().assign(close, List.of(person), created);
        assertThat(run(created.plusSeconds(60))).isZero();
        assertThat(reminders(person)).isEmpty();

        long cancelled = staff().create(plan(LocalDateTime.of(2026, 12, 20, 7, 30)), NOW);
        long other = register(Language.RU);
        staff().assign(cancelled, List.of(other), NOW);
        staff().cancel(cancelled, NOW);
        assertThat(run(departsAt(cancelled).minus(Duration.ofHours(24)))).isZero();
        assertThat(reminders(other)).isEmpty();
    }

    @Test
    void twoRunsAtOnceRemindOnce() throws Exception {
        List<Long> people = new ArrayList<>();
        long bus = staff().create(plan(LocalDateTime.of(2026, 12, 25, 7, 30)), NOW);
        for (int i = 0; i < 5; i++) {
            people.add(register(Language.TG));
        }
        staff().assign(bus, people, NOW);
        Instant due = departsAt(bus).minus(Duration.ofHours(24));
        for (int round = 0; round < 5; round++) {
            CyclicBarrier start = new CyclicBarrier(2);
            var a = CompletableFuture.supplyAsync(() -> { await(start); return run(due.plusSeconds(1)); });
            var b = CompletableFuture.supplyAsync(() -> { await(start); return run(due.plusSeconds(1)); });
            assertThat(a.get() + b.get()).isEqualTo(round == 0 ? 1 : 0);
        }
        for (long p : people) {
            assertThat(reminders(p)).hasSize(1);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
