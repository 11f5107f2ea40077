package org.homeward.core.departures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.DELIVERY;
import static org.homeward.db.jooq.Tables.DELIVERY_MESSAGE;
import static org.homeward.db.jooq.Tables.REGISTRATION;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.homeward.core.Domain;
import org.homeward.core.departures.StaffDepartures.Assignment;
import org.homeward.core.departures.StaffDepartures.Plan;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.outbox.Outbox.Stored;
import org.homeward.core.outbox.OutgoingMessage;
import org.homeward.core.registrations.Confirmation;
import org.homeward.core.registrations.RegistrationCodes;
import org.homeward.core.registrations.RegistrationForm;
import org.homeward.core.registrations.Traveller;
import org.homeward.db.enums.DepartureAnswer;
import org.homeward.db.enums.DepartureStatus;
import org.homeward.db.enums.StaffStatus;
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
 * Staff's departures on a real PostgreSQL: seats never exceeded counting every traveller, the most urgent first,
 * notices in each person's language with the departure point's local time, and a cancel that returns people to
 * waiting.
 */
class StaffDeparturesTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Outbox OUTBOX = new Outbox();
    private static TestDatabase db;
    private static DSLContext dsl;
    private static final RegistrationCodes CODES = new RegistrationCodes(new Random(3));
    private static long nextChat = 100;
    private static int nextDocument = 1000;

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

    /** A departure from {@code place} with {@code seats}, on 5 December at 07:30 local time. */
    private static long departure(String place, int seats) {
        return new StaffDepartures(dsl, OUTBOX).create(plan(place, seats, LocalDateTime.of(2026, 12, 5, 7, 30), "у ворот"), NOW);
    }

    private static Plan plan(String place, int seats, LocalDateTime at, String meetingRu) {
        return new Plan(id("location", place), List.of(), at, "назди дарвоза", meetingRu, "darvoza oldida",
                null, null, seats, "шиноснома", "паспорт", "pasport");
    }

    /** A confirmed registration at {@code place}, by a person writing in {@code language}, with {@code children}. */
    private static long register(Language language, String place, Set<String> needs, Instant at, int children) {
        long chat = nextChat++;
        String doc = "DP" + (nextDocument++);
        return dsl.transactionResult(c -> {
            Domain d = Domain.on(c.dsl(), CODES);
            d.people().touch(chat, at);
            if (language != null) {
                d.people().setLanguage(chat, language);
            }
            List<Traveller> kids = new ArrayList<>();
            for (int i = 0; i < children; i++) {
                kids.add(new Traveller("Каримова Зарина", LocalDate.of(2018, 6, 1), "F", null, "child", null, null));
            }
            var form = new RegistrationForm(null, new Traveller("Каримов Далер", LocalDate.of(1990, 3, 8), "M", "TJ",
                    "self", "passport", doc), "+9929000" + (nextDocument - 1), id("location", place), null, id("destination", "tj_sughd"),
                    "Истаравшан", kids, needs);
            Confirmation result = d.registrations().confirm(chat, form, at);
            if (!(result instanceof Confirmation.Saved saved)) {
                throw new IllegalStateException("not saved: " + result);
            }
            return saved.registrationId();
        });
    }

    private static long chatOf(long registrationId) {
        return dsl.select(REGISTRATION.CHAT_ID).from(REGISTRATION).where(REGISTRATION.ID.eq(registrationId)).fetchSingle().value1();
    }

    /** Every message queued for the chat of {@code registrationId}, oldest first, as stored. */
    private static List<OutgoingMessage> queuedFor(long registrationId) {
        List<Long> ids = dsl.select(DELIVERY.MESSAGE_ID).from(DELIVERY).where(DELIVERY.CHAT_ID.eq(chatOf(registrationId)))
                .orderBy(DELIVERY.MESSAGE_ID).fetch(DELIVERY.MESSAGE_ID);
        Map<Long, Stored> stored = OUTBOX.messages(dsl, ids);
        return ids.stream().map(id -> ((Stored.Readable) stored.get(id)).message()).toList();
    }

    private static StaffDepartures staff() {
        return new StaffDepartures(dsl, OUTBOX);
    }

    @Test
    void seatsAreNeverExceededCountingEveryTravellerAndARefusalAssignsNobody() {
        long bus = departure("shymkent", 5);
        long family = register(Language.RU, "shymkent", Set.of(), NOW.minusSeconds(900), 3); // 4 travellers
        long one = register(Language.RU, "shymkent", Set.of(), NOW.minusSeconds(800), 0);
        long two = register(Language.RU, "shymkent", Set.of(), NOW.minusSeconds(700), 1);

        assertThat(staff().assign(bus, List.of(family, two), NOW)).isEqualTo(new Assignment.NoSeats(6, 5));
        assertThat(staff().passengers(bus)).isEmpty();
        assertThat(queuedFor(family)).isEmpty();

        assertThat(staff().assign(bus, List.of(family, one), NOW)).isEqualTo(new Assignment.Done(2, 5));
        assertThat(staff().assign(bus, List.of(two), NOW)).isEqualTo(new Assignment.NoSeats(2, 0));
        var summary = staff().summary(bus).orElseThrow();
        assertThat(summary.seatsUsed()).isEqualTo(5);
        assertThat(summary.seatsFree()).isZero();
        // Already on a bus: not waiting, with its code named.
        long other = departure("shymkent", 40);
        assertThat(staff().assign(other, List.of(one), NOW)).isInstanceOf(Assignment.NotWaiting.class);
        // The wrong place: not waiting for this bus.
        long elsewhere = register(Language.RU, "almaty", Set.of(), NOW, 0);
        assertThat(staff().assign(other, List.of(elsewhere), NOW)).isInstanceOf(Assignment.NotWaiting.class);
        assertThat(dsl.select(REGISTRATION.STAFF_STATUS).from(REGISTRATION).where(REGISTRATION.ID.eq(family)).fetchSingle().value1())
                .isEqualTo(StaffStatus.ASSIGNED);
    }

    @Test
    void theWaitingListPutsTheMostUrgentNeedsFirstThenTheLongestWaiting() {
        long bus = departure("astana", 50);
        long recentPlain = register(Language.RU, "astana", Set.of(), NOW.minusSeconds(100), 0);
        long oldPlain = register(Language.RU, "astana", Set.of("no_shelter"), NOW.minusSeconds(90_000), 0);
        long elderly = register(Language.RU, "astana", Set.of("elderly"), NOW.minusSeconds(50), 0);
        long child = register(Language.RU, "astana", Set.of("unaccompanied_child", "no_food_water"), NOW.minusSeconds(10), 0);
        long pregnancy = register(Language.RU, "astana", Set.of("pregnancy"), NOW.minusSeconds(20), 0);
        long illnessOld = register(Language.RU, "astana", Set.of("illness"), NOW.minusSeconds(5000), 0);
        long illnessNew = register(Language.RU, "astana", Set.of("illness"), NOW.minusSeconds(30), 0);
        long oldest = register(Language.RU, "astana", Set.of(), NOW.minusSeconds(200_000), 0);

        assertThat(staff().waiting(bus, 100)).extracting(StaffDepartures.Waiting::registrationId)
                .containsExactly(child, pregnancy, illnessOld, illnessNew, elderly, oldPlain, oldest, recentPlain);
    }

    @Test
    void noticesGoInEachPersonsLanguageWithTheLocalTimeAndTheAnswerButtons() {
        long bus = departure("zhibek_zholy", 30);
        long tajik = register(Language.TG, "zhibek_zholy", Set.of(), NOW, 0);
        long russian = register(Language.RU, "zhibek_zholy", Set.of(), NOW, 0);
        long uzbek = register(Language.UZ, "zhibek_zholy", Set.of(), NOW, 0);

        assertThat(staff().assign(bus, List.of(tajik, russian, uzbek), NOW)).isInstanceOf(Assignment.Done.class);

        Map<Long, Language> people = new LinkedHashMap<>();
        people.put(tajik, Language.TG);
        people.put(russian, Language.RU);
        people.put(uzbek, Language.UZ);
        people.forEach((registration, language) -> {
            List<OutgoingMessage> queued = queuedFor(registration);
            assertThat(queued).hasSize(1);
            String text = queued.getFirst().text().render(language);
            // 07:30 at Zhibek Zholy (Asia/Almaty), not the server's UTC 02:30.
            assertThat(text).contains("7:30").doesNotContain("2:30");
            assertThat(text).contains(switch (language) {
                case TG -> "назди дарвоза";
                case RU -> "у ворот";
                case UZ -> "darvoza oldida";
            });
            assertThat(queued.getFirst().keyboard()).flatExtracting(row -> row)
                    .extracting(OutgoingMessage.Button::callbackData)
                    .containsExactly("g:dep:" + bus + ":y", "g:dep:" + bus + ":n");
        });
        assertThat(dsl.fetchCount(DELIVERY_MESSAGE, DELIVERY_MESSAGE.KIND.eq("departure"))).isEqualTo(3);

        // The time changes: everyone is told the new time, and who had confirmed is asked again; who cannot come
        // stays so (until they press ✅ on the new notice).
        new Departures(dsl).answer(russian, true, NOW);
        long decliner = people.keySet().stream().filter(r -> r != russian).findFirst().orElseThrow();
        new Departures(dsl).answer(decliner, false, NOW);
        assertThat(staff().edit(bus, plan("zhibek_zholy", 30, LocalDateTime.of(2026, 12, 5, 9, 15), "у ворот"), NOW))
                .isEqualTo(StaffDepartures.Edited.SAVED);
        people.forEach((registration, language) -> {
            List<OutgoingMessage> queued = queuedFor(registration);
            assertThat(queued).hasSize(2);
            assertThat(queued.getLast().text().render(language)).contains("9:15");
        });
        assertThat(staff().passengers(bus)).filteredOn(p -> p.registrationId() != decliner)
                .extracting(StaffDepartures.Passenger::answer).containsOnlyNulls();
        assertThat(staff().passengers(bus)).filteredOn(p -> p.registrationId() == decliner)
                .extracting(StaffDepartures.Passenger::answer).containsExactly(DepartureAnswer.CANNOT_COME);

        // A change of seats only tells nobody.
        staff().edit(bus, plan("zhibek_zholy", 31, LocalDateTime.of(2026, 12, 5, 9, 15), "у ворот"), NOW);
        assertThat(queuedFor(russian)).hasSize(2);
        // A new meeting point does.
        staff().edit(bus, plan("zhibek_zholy", 31, LocalDateTime.of(2026, 12, 5, 9, 15), "у мечети"), NOW);
        assertThat(queuedFor(russian).getLast().text().render(Language.RU)).contains("у мечети");
    }

    @Test
    void cancellingTellsThePassengersAndReturnsThemToWaiting() {
        long bus = departure("almaty", 10);
        long a = register(Language.TG, "almaty", Set.of(), NOW, 1);
        long b = register(null, "almaty", Set.of(), NOW, 0);
        staff().assign(bus, List.of(a, b), NOW);
        new Departures(dsl).answer(a, false, NOW);
        assertThat(staff().passengers(bus)).extracting(StaffDepartures.Passenger::answer)
                .containsExactly(null, DepartureAnswer.CANNOT_COME);

        assertThat(staff().cancel(bus, NOW)).isEqualTo(2);

        assertThat(staff().find(bus).orElseThrow().getStatus()).isEqualTo(DepartureStatus.CANCELLED);
        assertThat(staff().passengers(bus)).isEmpty();
        assertThat(queuedFor(a).getLast().text().render(Language.TG)).startsWith("❌");
        // No language chosen: Russian, the base.
        assertThat(queuedFor(b).getLast().text()).isInstanceOfSatisfying(OutgoingMessage.Text.Key.class,
                k -> assertThat(k.key()).isEqualTo("dep.notice.cancelled"));
        assertThat(dsl.select(REGISTRATION.STAFF_STATUS).from(REGISTRATION).where(REGISTRATION.ID.in(a, b)).fetch(REGISTRATION.STAFF_STATUS))
                .containsOnly(StaffStatus.VERIFIED);
        long next = departure("almaty", 10);
        assertThat(staff().waiting(next, 10)).extracting(StaffDepartures.Waiting::registrationId).contains(a, b);
        assertThat(staff().assign(bus, List.of(a), NOW)).isEqualTo(new Assignment.Closed(DepartureStatus.CANCELLED));
    }

    @Test
    void unassigningFreesTheSeats() {
        long bus = departure("moscow", 2);
        long a = register(Language.RU, "moscow", Set.of(), NOW, 1);
        staff().assign(bus, List.of(a), NOW);
        assertThat(staff().unassign(bus, a, NOW)).isTrue();
        assertThat(staff().summary(bus).orElseThrow().seatsFree()).isEqualTo(2);
        assertThat(staff().unassign(bus, a, NOW)).isFalse();
    }

    @Test
    void fillingTakesTheMostUrgentThatFitAndNeverSplitsAFamilyOrExceedsTheSeats() {
        long bus = departure("kazan", 5);
        long urgentFamily = register(Language.RU, "kazan", Set.of("pregnancy"), NOW.minusSeconds(10), 2); // 3
        long bigIll = register(Language.RU, "kazan", Set.of("illness"), NOW.minusSeconds(20), 2); // 3: no room left
        long oldSingle = register(Language.RU, "kazan", Set.of(), NOW.minusSeconds(30), 0); // 1
        long newSingle = register(Language.RU, "kazan", Set.of(), NOW.minusSeconds(5), 0); // 1
        long newest = register(Language.RU, "kazan", Set.of(), NOW, 0); // 1: no seat left

        assertThat(staff().fill(bus, NOW)).isEqualTo(new Assignment.Done(3, 5));

        assertThat(staff().passengers(bus)).extracting(StaffDepartures.Passenger::registrationId)
                .containsExactlyInAnyOrder(urgentFamily, oldSingle, newSingle);
        assertThat(staff().waiting(bus, 10)).extracting(StaffDepartures.Waiting::registrationId)
                .containsExactly(bigIll, newest);
        assertThat(staff().fill(bus, NOW)).isEqualTo(new Assignment.Done(0, 0));
    }

    @Test
    void anEditNeverLeavesFewerSeatsThanTravellersOnTheBus() {
        long bus = departure("moscow", 5);
        long a = register(Language.RU, "moscow", Set.of(), NOW, 2); // 3 travellers
        staff().assign(bus, List.of(a), NOW);
        assertThat(staff().edit(bus, plan("moscow", 2, LocalDateTime.of(2026, 12, 5, 7, 30), "у ворот"), NOW))
                .isEqualTo(StaffDepartures.Edited.SEATS_TAKEN);
        assertThat(staff().find(bus).orElseThrow().getSeats()).isEqualTo(5);
        assertThat(staff().edit(bus, plan("moscow", 3, LocalDateTime.of(2026, 12, 5, 7, 30), "у ворот"), NOW))
                .isEqualTo(StaffDepartures.Edited.SAVED);
        staff().cancel(bus, NOW);
        assertThat(staff().edit(bus, plan("moscow", 3, LocalDateTime.of(2026, 12, 5, 7, 30), "у ворот"), NOW))
                .isEqualTo(StaffDepartures.Edited.CLOSED);
    }

    @Test
    void markingGoneMovesTheConfirmedToDepartedAndReturnsTheOthersToWaiting() {
        long bus = departure("samara", 20);
        long coming = register(Language.RU, "samara", Set.of(), NOW, 2); // 3 travellers
        long silent = register(Language.RU, "samara", Set.of(), NOW, 0);
        long cannot = register(Language.RU, "samara", Set.of(), NOW, 0);
        staff().assign(bus, List.of(coming, silent, cannot), NOW);
        new Departures(dsl).answer(coming, true, NOW);
        new Departures(dsl).answer(cannot, false, NOW);
        long account = dsl.fetchSingle("insert into staff_account (email, role, created_at, updated_at) values ('staff@example.org', 'staff', now(), now()) returning id")
                .get(0, Long.class);
        var who = new org.homeward.core.registrations.Staff(account, "staff@example.org");
        Instant at = staff().find(bus).orElseThrow().getDepartsAt();
        int versionBefore = dsl.select(REGISTRATION.VERSION).from(REGISTRATION).where(REGISTRATION.ID.eq(coming)).fetchSingle().value1();

        assertThat(staff().depart(bus, who, at.minus(StaffDepartures.DEPART_FROM).minusSeconds(60)))
                .isEqualTo(new StaffDepartures.Departure.TooEarly(at.minus(StaffDepartures.DEPART_FROM)));
        assertThat(staff().depart(bus, who, at.minusSeconds(600))).isEqualTo(new StaffDepartures.Departure.Done(1, 3, 2));

        assertThat(staff().find(bus).orElseThrow().getStatus()).isEqualTo(DepartureStatus.DEPARTED);
        assertThat(dsl.select(REGISTRATION.STAFF_STATUS, REGISTRATION.VERSION).from(REGISTRATION).where(REGISTRATION.ID.eq(coming)).fetchSingle())
                .satisfies(r -> {
                    assertThat(r.value1()).isEqualTo(StaffStatus.DEPARTED);
                    assertThat(r.value2()).isGreaterThan(versionBefore);
                });
        assertThat(org.homeward.core.registrations.History.of(dsl, coming)).first()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("departed"));
        assertThat(staff().passengers(bus)).extracting(StaffDepartures.Passenger::registrationId).containsExactly(coming);
        long next = departure("samara", 20);
        assertThat(staff().waiting(next, 10)).extracting(StaffDepartures.Waiting::registrationId)
                .contains(silent, cannot).doesNotContain(coming);
        assertThat(staff().depart(bus, who, at)).isEqualTo(new StaffDepartures.Departure.Closed(DepartureStatus.DEPARTED));
        // Departed people are not messaged, and a press on the old notice changes nothing now.
        assertThat(queuedFor(coming)).hasSize(1);
        new Departures(dsl).answer(coming, false, at);
        assertThat(staff().passengers(bus)).extracting(StaffDepartures.Passenger::answer).containsExactly(DepartureAnswer.CONFIRMED);
    }

    @Test
    void assigningByFilterTakesTheMatchingMostUrgentFirstUpToTheSeats() {
        long bus = departure("yekaterinburg", 4);
        long child = register(Language.RU, "yekaterinburg", Set.of("unaccompanied_child"), NOW.minusSeconds(10), 0);
        long illFamily = register(Language.RU, "yekaterinburg", Set.of("illness"), NOW.minusSeconds(5000), 1); // 2
        long illBig = register(Language.RU, "yekaterinburg", Set.of("illness"), NOW.minusSeconds(6000), 4); // 5
        long illLate = register(Language.RU, "yekaterinburg", Set.of("illness"), NOW.minusSeconds(20), 0);
        long illNewest = register(Language.RU, "yekaterinburg", Set.of("illness"), NOW.minusSeconds(5), 0);
        long plain = register(Language.RU, "yekaterinburg", Set.of(), NOW.minusSeconds(90_000), 0);

        var ill = new StaffDepartures.Filter(null, List.of("illness", "pregnancy"), null, 3);
        assertThat(staff().waiting(bus, ill, 10)).extracting(StaffDepartures.Waiting::registrationId)
                .containsExactly(illFamily, illLate, illNewest);
        // Seats for 4: the family of 2 and the next single, then 1 seat for the newest; the child is not matched.
        var filled = staff().fill(bus, ill, NOW);
        assertThat(filled).isEqualTo(new StaffDepartures.Filled(new Assignment.Done(3, 4), 0));
        assertThat(staff().summary(bus).orElseThrow().seatsFree()).isZero();
        assertThat(staff().waiting(bus, 10)).extracting(StaffDepartures.Waiting::registrationId)
                .containsExactly(child, illBig, plain);

        long next = departure("yekaterinburg", 1);
        var early = new StaffDepartures.Filter(id("destination", "tj_sughd"), List.of(), NOW.minusSeconds(1000), null);
        assertThat(staff().fill(next, early, NOW)).isEqualTo(new StaffDepartures.Filled(new Assignment.Done(1, 1), 1));
        assertThat(staff().passengers(next)).extracting(StaffDepartures.Passenger::registrationId).containsExactly(plain);
    }
}
