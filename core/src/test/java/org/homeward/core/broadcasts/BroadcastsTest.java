package org.homeward.core.broadcasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.DELIVERY;
import static org.homeward.db.jooq.Tables.DELIVERY_MESSAGE;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.homeward.core.broadcasts.Broadcasts.Draft;
import org.homeward.core.broadcasts.Broadcasts.Filter;
import org.homeward.core.broadcasts.Broadcasts.Outcome;
import org.homeward.core.broadcasts.Broadcasts.Registered;
import org.homeward.core.broadcasts.Broadcasts.State;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.outbox.Outbox.Stored;
import org.homeward.core.staff.StaffLinks;
import org.homeward.db.enums.StaffStatus;
import org.homeward.i18n.Language;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Broadcasts on a real PostgreSQL: each filter selects whom it says, the count shown is the number enqueued, a
 * language plan must cover every language, a large broadcast waits for a different member's approval, and the
 * scheduled job sends once, or marks missed what is too old.
 */
@org.junit.jupiter.api.Tag("slow")
class BroadcastsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Outbox OUTBOX = new Outbox();
    private static TestDatabase db;
    private static DSLContext dsl;
    private static long author;
    private static long second;
    private static int almaty;
    private static int moscow;
    private static int dushanbe;
    private static long departure;
    private long nextChat = 1000;

    @BeforeAll
    static void database() {
        db = TestPostgres.newDatabase();
        dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        author = staff("a@example.org");
        second = staff("b@example.org");
        almaty = dsl.fetchSingle("select id from location where code = 'almaty'").get(0, Integer.class);
        moscow = dsl.fetchSingle("select id from location where code = 'moscow'").get(0, Integer.class);
        dushanbe = dsl.fetchSingle("select id from destination where code = 'tj_dushanbe'").get(0, Integer.class);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void clean() {
        dsl.execute("delete from broadcast");
        dsl.execute("delete from delivery_message");
        dsl.execute("delete from departure");
        dsl.execute("delete from telegram_user");
        departure = dsl.fetchSingle("""
                insert into departure (location_id, departs_at, meeting_point_tg, meeting_point_ru, meeting_point_uz, seats)
                values (?, now() + interval '2 days', 'дар', 'у ворот', 'darvoza', 40) returning id""", almaty).get(0, Long.class);
    }

    static long staff(String email) {
        return dsl.fetchSingle("insert into staff_account (email, role, created_at, updated_at) values (?, 'staff', now(), now()) returning id",
                email).get(0, Long.class);
    }

    /** A person writing in {@code language} (null: never chose). */
    long person(String language) {
        long chat = nextChat++;
        dsl.execute("insert into telegram_user (chat_id, language) values (?, ?)", chat, language);
        return chat;
    }

    /** A person with a registration at {@code place}; status confirmed unless given. */
    long registered(String language, int place, String status, String staffStatus, String... needs) {
        long chat = person(language);
        long reg = dsl.fetchSingle("""
                insert into registration (chat_id, status, staff_status, location_id, destination_id, needs)
                values (?, ?, ?, ?, ?, ?) returning id""", chat, status, staffStatus, place, dushanbe, needs).get(0, Long.class);
        if (staffStatus.equals("assigned")) {
            dsl.execute("insert into departure_assignment (registration_id, departure_id) values (?, ?)", reg, departure);
        }
        return chat;
    }

    long registered(String language, int place) {
        return registered(language, place, "confirmed", "registered");
    }

    private static Broadcasts broadcasts() {
        return new Broadcasts(dsl, OUTBOX);
    }

    private static List<Long> recipients(long messageId) {
        return dsl.select(DELIVERY.CHAT_ID).from(DELIVERY).where(DELIVERY.MESSAGE_ID.eq(messageId)).orderBy(DELIVERY.CHAT_ID)
                .fetch(DELIVERY.CHAT_ID);
    }

    private static Filter filter(List<Integer> places, List<StaffStatus> statuses, List<String> needs, List<String> languages,
                                 Long departure, Registered registered) {
        return new Filter(places, List.of(), statuses, needs, languages, departure, registered);
    }

    @Test
    void eachFilterSelectsWhomItSaysAndTheCountIsWhatIsEnqueued() {
        long tgAlmaty = registered("tg", almaty);
        long ruAlmaty = registered("ru", almaty, "confirmed", "verified", "pregnancy");
        long uzMoscow = registered("uz", moscow);
        long assigned = registered("tg", almaty, "confirmed", "assigned", "illness");
        long cancelled = registered("ru", almaty, "cancelled", "cancelled");
        long draft = registered("uz", almaty, "draft", "registered");
        long silent = person(null);
        long blocked = registered("ru", almaty);
        dsl.execute("update telegram_user set unreachable_at = now(), unreachable_reason = 'blocked' where chat_id = ?", blocked);

        Map<Filter, List<Long>> expected = new java.util.LinkedHashMap<>();
        expected.put(Filter.everyone(), List.of(tgAlmaty, ruAlmaty, uzMoscow, assigned, cancelled, draft, silent));
        expected.put(Filter.places(almaty), List.of(tgAlmaty, ruAlmaty, assigned));
        expected.put(filter(List.of(), List.of(StaffStatus.VERIFIED, StaffStatus.CANCELLED), List.of(), List.of(), null, Registered.ANY),
                List.of(ruAlmaty, cancelled));
        expected.put(filter(List.of(), List.of(), List.of("illness", "pregnancy"), List.of(), null, Registered.ANY),
                List.of(ruAlmaty, assigned));
        expected.put(filter(List.of(), List.of(), List.of(), List.of("uz", "none"), null, Registered.ANY),
                List.of(uzMoscow, draft, silent));
        expected.put(filter(List.of(), List.of(), List.of(), List.of(), departure, Registered.ANY), List.of(assigned));
        expected.put(filter(List.of(), List.of(), List.of(), List.of(), null, Registered.YES),
                List.of(tgAlmaty, ruAlmaty, uzMoscow, assigned));
        expected.put(filter(List.of(), List.of(), List.of(), List.of(), null, Registered.NO), List.of(cancelled, draft, silent));
        expected.put(new Filter(List.of(moscow), List.of(dushanbe), List.of(), List.of(), List.of("uz"), null, Registered.YES),
                List.of(uzMoscow));

        for (var e : expected.entrySet()) {
            Draft draft1 = Draft.of("Салом", "Привет", "Salom", e.getKey());
            long id = broadcasts().create(draft1, author, NOW);
            assertThat(broadcasts().count(e.getKey())).as(e.getKey().toString()).isEqualTo(e.getValue().size());
            Outcome outcome = broadcasts().request(id, 1, null, 1000, NOW);
            assertThat(outcome).isEqualTo(new Outcome.Sent(e.getValue().size()));
            long message = broadcasts().find(id).orElseThrow().messageId();
            assertThat(recipients(message)).as(e.getKey().toString()).containsExactlyElementsOf(e.getValue());
        }
    }

    @Test
    void aLanguagePlanMustGiveEveryLanguageAWrittenText() {
        Map<Language, String> texts = new EnumMap<>(Language.class);
        texts.put(Language.RU, "Привет");
        Draft noPlan = new Draft(texts, Map.of(), Filter.everyone());
        assertThat(noPlan.problems()).containsOnlyKeys("plan_tg", "plan_uz");
        Draft wrongPlan = new Draft(texts, Map.of(Language.TG, Language.RU, Language.UZ, Language.TG), Filter.everyone());
        assertThat(wrongPlan.problems()).containsOnlyKeys("plan_uz");
        assertThat(new Draft(Map.of(), Map.of(), Filter.everyone()).problems()).containsEntry("text_ru", "missing");
        assertThat(Draft.of("а".repeat(Broadcasts.MAX_TEXT + 1), "b", "c", Filter.everyone()).problems())
                .containsEntry("text_tg", "too_long");
        // Emoji are two UTF-16 units each, as Telegram counts them.
        assertThat(Draft.of("😀".repeat(2049), "b", "c", Filter.everyone()).problems()).containsEntry("text_tg", "too_long");

        // Russian for everyone: Tajik and Uzbek speakers, and people without a language, get the Russian text.
        long tg = person("tg");
        long none = person(null);
        Draft ruForAll = new Draft(texts, Map.of(Language.TG, Language.RU, Language.UZ, Language.RU), Filter.everyone());
        assertThat(ruForAll.problems()).isEmpty();
        long id = broadcasts().create(ruForAll, author, NOW);
        broadcasts().request(id, 1, null, 1000, NOW);
        long message = broadcasts().find(id).orElseThrow().messageId();
        var stored = (Stored.Readable) OUTBOX.messages(dsl, List.of(message)).get(message);
        for (Language l : Language.values()) {
            assertThat(stored.message().text().render(l)).isEqualTo("Привет");
        }
        assertThat(recipients(message)).containsExactly(tg, none);
    }

    @Test
    void aLargeBroadcastWaitsForASecondMemberAndTheAuthorCannotApprove() {
        for (int i = 0; i < 3; i++) {
            registered("ru", almaty);
        }
        long id = broadcasts().create(Draft.of("Салом", "Привет", "Salom", Filter.places(almaty)), author, NOW);
        assertThat(broadcasts().request(id, 1, null, 2, NOW)).isEqualTo(new Outcome.NeedsApproval(3, 2));
        assertThat(dsl.fetchCount(DELIVERY_MESSAGE)).isZero();
        assertThat(broadcasts().approve(id, 2, author, NOW)).isEqualTo(new Outcome.Refused("own"));
        assertThat(broadcasts().approve(id, 1, second, NOW)).isEqualTo(new Outcome.Stale());
        // One more person since the request: the approval counts again.
        registered("tg", almaty);
        assertThat(broadcasts().approve(id, 2, second, NOW)).isEqualTo(new Outcome.Sent(4));
        var b = broadcasts().find(id).orElseThrow();
        assertThat(b.state()).isEqualTo(State.SENT);
        assertThat(b.approverId()).isEqualTo(second);
        assertThat(b.recipients()).isEqualTo(4);
        assertThat(broadcasts().approve(id, b.version(), second, NOW)).isEqualTo(new Outcome.Refused("state"));
        assertThat(dsl.fetchCount(dsl.selectFrom(DELIVERY).where(DELIVERY.MESSAGE_ID.eq(b.messageId())))).isEqualTo(4);
        // Its delivery can be paused, resumed and stopped; the progress says so.
        assertThat(broadcasts().pause(id)).isTrue();
        assertThat(broadcasts().progress(id).orElseThrow().paused()).isTrue();
        assertThat(broadcasts().resume(id)).isTrue();
        assertThat(broadcasts().stop(id)).isEqualTo(4);
        var p = broadcasts().progress(id).orElseThrow();
        assertThat(p.cancelled()).isEqualTo(4);
        assertThat(p.done()).isTrue();
        assertThat(p.stopped()).isTrue();
    }

    @Test
    void scheduledBroadcastsAreSentWhenDueOrMarkedMissedWhenTooOld() {
        registered("ru", almaty);
        Broadcasts b = broadcasts();
        long later = b.create(Draft.of("а", "б", "в", Filter.everyone()), author, NOW);
        long soon = b.create(Draft.of("а", "б", "в", Filter.everyone()), author, NOW);
        long old = b.create(Draft.of("а", "б", "в", Filter.everyone()), author, NOW);
        assertThat(b.request(later, 1, NOW.plus(Duration.ofHours(3)), 1000, NOW)).isEqualTo(new Outcome.Scheduled(1));
        assertThat(b.request(soon, 1, NOW.plus(Duration.ofMinutes(5)), 1000, NOW)).isEqualTo(new Outcome.Scheduled(1));
        assertThat(b.request(old, 1, NOW.plus(Duration.ofMinutes(1)), 1000, NOW)).isEqualTo(new Outcome.Scheduled(1));
        assertThat(b.runDue(NOW, Duration.ofHours(6))).isEqualTo(new Broadcasts.Due(List.of(), List.of()));
        // "Down" for 7 hours from 10:01 until 17:03: the 10:01 one is missed, 10:05 too; the 13:00 one goes.
        Instant restart = NOW.plus(Duration.ofHours(7)).plusSeconds(180);
        var due = b.runDue(restart, Duration.ofHours(6));
        assertThat(due.sent()).containsExactly(later);
        assertThat(due.missed()).containsExactlyInAnyOrder(soon, old);
        assertThat(b.find(old).orElseThrow().state()).isEqualTo(State.MISSED);
        assertThat(b.find(old).orElseThrow().messageId()).isNull();
        assertThat(b.runDue(restart, Duration.ofHours(6))).isEqualTo(new Broadcasts.Due(List.of(), List.of()));
    }

    @Test
    void aScheduledBroadcastWhoseAudienceGrewAboveTheThresholdWaitsForApprovalWhenDue() {
        registered("ru", almaty);
        Broadcasts b = broadcasts();
        long id = b.create(Draft.of("а", "б", "в", Filter.places(almaty)), author, NOW);
        assertThat(b.request(id, 1, NOW.plus(Duration.ofHours(1)), 1, NOW)).isEqualTo(new Outcome.Scheduled(1));
        registered("tg", almaty); // two now, above 1
        var due = b.runDue(NOW.plus(Duration.ofHours(1)), Duration.ofHours(6), 1);
        assertThat(due.held()).containsExactly(id);
        assertThat(due.sent()).isEmpty();
        assertThat(b.find(id).orElseThrow().state()).isEqualTo(State.AWAITING_APPROVAL);
        assertThat(b.find(id).orElseThrow().messageId()).isNull();
        int version = b.find(id).orElseThrow().version();
        assertThat(b.approve(id, version, second, NOW.plus(Duration.ofHours(1)))).isEqualTo(new Outcome.Sent(2));
    }

    @Test
    void twoInstancesRunningTheJobAtOnceSendEachBroadcastOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            registered("tg", almaty);
        }
        for (int i = 0; i < 4; i++) {
            long id = broadcasts().create(Draft.of("а", "б", "в", Filter.everyone()), author, NOW);
            broadcasts().request(id, 1, NOW.plusSeconds(60), 1000, NOW);
        }
        CyclicBarrier together = new CyclicBarrier(2);
        Instant due = NOW.plusSeconds(120);
        var runs = List.of(1, 2).stream().map(i -> CompletableFuture.supplyAsync(() ->
                dsl.transactionResult(c -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return new Broadcasts(c.dsl(), OUTBOX).runDue(due, Duration.ofHours(6)).sent().size();
                }))).toList();
        int sent = 0;
        for (var r : runs) {
            sent += r.get();
        }
        assertThat(sent).isEqualTo(4);
        assertThat(dsl.fetchCount(DELIVERY_MESSAGE)).isEqualTo(4);
        assertThat(dsl.fetchCount(DELIVERY)).isEqualTo(20);
    }

    @Test
    void cancelBeforeSendingAndStaleVersionsAreRefused() {
        long id = broadcasts().create(Draft.of("а", "б", "в", Filter.everyone()), author, NOW);
        assertThat(broadcasts().cancel(id, 7, NOW)).isEqualTo(new Outcome.Stale());
        assertThat(broadcasts().cancel(id, 1, NOW)).isEqualTo(new Outcome.Cancelled());
        assertThat(broadcasts().request(id, 2, null, 1000, NOW)).isEqualTo(new Outcome.Refused("state"));
    }

    @Test
    void aLinkCodeWorksOnceWithinFifteenMinutes() {
        long chat = person("ru");
        StaffLinks links = new StaffLinks(dsl);
        String code = links.newCode(author, NOW);
        assertThat(code).matches("HW-[ACDEFGHJKMNPQRTUVWXY34679]{4}-[ACDEFGHJKMNPQRTUVWXY34679]{4}");
        assertThat(links.consume("hello", chat, NOW)).isEqualTo(StaffLinks.Linked.NOT_A_CODE);
        // A document number is an answer, not a code; a code mistyped (letters outside its alphabet) is a wrong code.
        assertThat(StaffLinks.looksLikeCode("HW12345678")).isFalse();
        assertThat(StaffLinks.looksLikeCode("HW-AAAA-BBBB")).isTrue();
        assertThat(links.consume("HW-AAAA-BBBB", chat, NOW)).isEqualTo(StaffLinks.Linked.WRONG);
        assertThat(StaffLinks.looksLikeCode(" hw-acde fghj ")).isTrue();
        assertThat(links.consume("HW-AAAA-AAAA", chat, NOW)).isEqualTo(StaffLinks.Linked.WRONG);
        assertThat(links.consume(code, chat, NOW.plus(Duration.ofMinutes(16)))).isEqualTo(StaffLinks.Linked.WRONG);
        assertThat(links.consume("/start " + code.toLowerCase(), chat, NOW.plusSeconds(60))).isEqualTo(StaffLinks.Linked.LINKED);
        assertThat(links.chat(author)).contains(chat);
        assertThat(links.consume(code, chat, NOW.plusSeconds(61))).isEqualTo(StaffLinks.Linked.WRONG);
        // A test send goes to the linked chat only.
        long id = broadcasts().create(Draft.of("Салом", "Привет", "Salom", Filter.everyone()), author, NOW);
        assertThat(broadcasts().test(id, chat)).isTrue();
        assertThat(dsl.fetchCount(DELIVERY)).isEqualTo(3);
        assertThat(dsl.fetchCount(dsl.selectFrom(DELIVERY).where(DELIVERY.CHAT_ID.ne(chat)))).isZero();
        assertThat(links.unlink(author)).isTrue();
        assertThat(links.chat(author)).isEmpty();
    }
}
