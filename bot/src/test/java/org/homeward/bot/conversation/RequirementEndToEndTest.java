package org.homeward.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.DELIVERY;
import static org.homeward.db.jooq.Tables.REGISTRATION;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.homeward.bot.delivery.Delivery;
import org.homeward.bot.delivery.DeliveryConfig;
import org.homeward.bot.testing.BotFixture;
import org.homeward.core.Domain;
import org.homeward.core.departures.StaffDepartures;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.registrations.Confirmation;
import org.homeward.core.registrations.RegistrationCodes;
import org.homeward.core.registrations.RegistrationForm;
import org.homeward.core.registrations.Traveller;
import org.homeward.core.requirements.StaffRequirements;
import org.homeward.core.requirements.StaffRequirements.Draft;
import org.homeward.core.requirements.StaffRequirements.Published;
import org.homeward.core.requirements.StaffRequirements.Route;
import org.homeward.db.enums.DeliveryStatus;
import org.homeward.db.enums.StaffStatus;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.homeward.telegram.fake.BotMessage;
import org.homeward.testkit.Await;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A requirement published by staff, end to end with a test clock: the outbox in the publishing transaction, the
 * delivery engine sending through the real client to the fake Bot API, the person's press through the real
 * conversation, and the answer counted among the departure's passengers. Only the people on the requirement's route
 * hear of it, each in their language; a changed question is asked again and the earlier answer stops counting.
 */
@Tag("slow")
class RequirementEndToEndTest {
    static final Instant NOW = Instant.parse("2026-11-24T06:00:00Z");
    static BotFixture fixture;
    static DSLContext dsl;
    static Talk.Driver driver;
    static final Outbox OUTBOX = new Outbox();
    static final RegistrationCodes CODES = new RegistrationCodes(new Random(13));
    static int nextDocument = 7100;

    @BeforeAll
    static void start() {
        fixture = BotFixture.start();
        dsl = fixture.database().dsl();
        Conversation conversation = fixture.conversation(Clock.fixed(NOW, ZoneOffset.UTC));
        driver = new Talk.Driver(fixture, conversation);
        Delivery delivery = fixture.delivery(new DeliveryConfig(200, 0, Duration.ofSeconds(1), 3, Duration.ofMillis(100),
                Duration.ofSeconds(10), Duration.ofSeconds(2), 100, Duration.ofMillis(20)), fixture.dataSource(),
                new SimpleMeterRegistry());
        delivery.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static int id(String table, String code) {
        return dsl.fetchSingle("select id from " + table + " where code = ?", code).get(0, Integer.class);
    }

    /** Someone who chose {@code language} and agreed to the notice in the bot. */
    static Talk person(Language language) {
        Talk t = new Talk(driver, driver.bot.newUser("Test", language.code()), language);
        t.say("/start");
        t.pressData("LANGUAGE:" + language.code());
        t.press("btn.consent.agree");
        return t;
    }

    /** A confirmed registration of {@code t}'s chat from {@code place} to {@code destination}, with one child. */
    static long register(Talk t, String place, String destination) {
        String doc = "E" + (nextDocument++);
        return dsl.transactionResult(c -> {
            var form = new RegistrationForm(null, new Traveller("Назаров Фарҳод", LocalDate.of(1988, 1, 5), "M", "TJ",
                    "self", "passport", doc), "+9929300" + (nextDocument - 1), id("location", place), null,
                    id("destination", destination), "Хуҷанд",
                    List.of(new Traveller("Назарова Мадина", LocalDate.of(2019, 2, 2), "F", null, "child", null, null)),
                    Set.of());
            Confirmation result = Domain.on(c.dsl(), CODES).registrations().confirm(t.user.chatId(), form, NOW);
            return ((Confirmation.Saved) result).registrationId();
        });
    }

    static String t(Language l, String key) {
        return Messages.get().format(l, key, Map.of());
    }

    static List<BotMessage> noticesTo(Talk t, String marker) {
        return t.user.received().stream().filter(m -> m.text() != null && m.text().contains(marker)).toList();
    }

    static void awaitSent() {
        Await.until("the requirement notices sent", () -> dsl.fetchCount(DELIVERY,
                DELIVERY.STATUS.in(DeliveryStatus.QUEUED, DeliveryStatus.SENDING)) == 0);
    }

    /** The answers to requirement {@code rq} among the departure's passengers (the seeded COVID question is there too). */
    static StaffRequirements.OnDeparture onBus(long departure, int rq) {
        return new StaffRequirements(dsl, OUTBOX).onDeparture(departure).stream()
                .filter(o -> o.requirement().getId() == rq).findFirst().orElseThrow();
    }

    @Test
    void aChangeReachesOnlyThePeopleOnItsRouteAndReasksItsQuestion() {
        Talk tajik = person(Language.TG);
        Talk russian = person(Language.RU);
        Talk uzbek = person(Language.UZ);
        Talk otherRoute = person(Language.RU);
        Talk departed = person(Language.TG);
        Talk unregistered = person(Language.UZ);
        long rTajik = register(tajik, "zhibek_zholy", "tj_sughd");
        long rRussian = register(russian, "zhibek_zholy", "tj_khatlon");
        long rUzbek = register(uzbek, "zhibek_zholy", "tj_sughd");
        register(otherRoute, "moscow", "tj_sughd");
        long rDeparted = register(departed, "zhibek_zholy", "tj_sughd");
        dsl.update(REGISTRATION).set(REGISTRATION.STAFF_STATUS, StaffStatus.DEPARTED).where(REGISTRATION.ID.eq(rDeparted)).execute();
        long staffId = dsl.fetchSingle("insert into staff_account (email, role, created_at, updated_at)"
                + " values ('e2e@example.org', 'staff', now(), now()) returning id").get(0, Long.class);

        // Tomorrow's bus from the crossing takes the three.
        long departure = dsl.transactionResult(c -> {
            StaffDepartures staff = new StaffDepartures(c.dsl(), OUTBOX);
            long d = staff.create(new StaffDepartures.Plan(id("location", "zhibek_zholy"), List.of(),
                    LocalDateTime.of(2026, 11, 25, 7, 0), "назди дарвоза", "у ворот", "darvoza oldida", null, null, 40,
                    null, null, null), NOW);
            staff.assign(d, List.of(rTajik, rRussian, rUzbek), NOW);
            return d;
        });
        awaitSent();

        Route crossingToTj = new Route(id("location", "zhibek_zholy"), null, null, "TJ");
        Draft draft = new Draft(crossingToTj,
                "Барои гузаштан аз Ӯзбекистон санҷиши манфии COVID-19 лозим аст.",
                "Для проезда через Узбекистан нужен отрицательный тест на COVID-19.",
                "Oʻzbekiston orqali oʻtish uchun COVID-19 testining manfiy natijasi kerak.",
                "Шумо санҷиш доред?", "У Вас есть тест?", "Sizda test bormi?", false);
        Published.Done done = (Published.Done) dsl.transactionResult(c ->
                new StaffRequirements(c.dsl(), OUTBOX).create(draft, staffId, NOW));
        assertThat(done.recipients()).isEqualTo(3);
        int rq = done.requirementId();
        awaitSent();

        Map<Talk, Language> onRoute = Map.of(tajik, Language.TG, russian, Language.RU, uzbek, Language.UZ);
        onRoute.forEach((talk, language) -> {
            String text = switch (language) {
                case TG -> draft.textTg();
                case RU -> draft.textRu();
                case UZ -> draft.textUz();
            };
            List<BotMessage> notices = noticesTo(talk, text);
            assertThat(notices).as(language.code()).hasSize(1);
            BotMessage notice = notices.getFirst();
            assertThat(notice.text()).startsWith(Messages.get().format(language, "req.notice.new", Map.of("text", text)));
            assertThat(notice.inlineButtons()).extracting(BotMessage.Button::callbackData)
                    .containsExactly("g:rq:" + rq + ":y", "g:rq:" + rq + ":n");
            assertThat(notice.inlineButtons()).extracting(BotMessage.Button::text)
                    .containsExactly(t(language, "btn.yes"), t(language, "btn.no"));
        });
        for (Talk nobody : List.of(otherRoute, departed, unregistered)) {
            assertThat(noticesTo(nobody, "COVID-19")).isEmpty();
        }

        // The Russian speaker has no test: "no" through the real conversation, counted on tomorrow's bus.
        russian.pressData("g:rq:" + rq + ":n");
        var onBus = onBus(departure, rq);
        assertThat(onBus.counts()).isEqualTo(new StaffRequirements.Counts(0, 1, 2, 0, 2, 4));
        assertThat(onBus.answers()).containsExactly(Map.entry(rRussian, false));

        // Staff change the question: asked again of the same three; the "no" is kept but no longer counts.
        Draft changed = new Draft(crossingToTj, draft.textTg(), draft.textRu(), draft.textUz(),
                "Шумо метавонед то фардо санҷиш супоред?", "Сможете сдать тест до завтра?",
                "Ertagacha test topshira olasizmi?", false);
        Published.Done v2 = (Published.Done) dsl.transactionResult(c ->
                new StaffRequirements(c.dsl(), OUTBOX).edit(rq, 1, changed, staffId, NOW.plusSeconds(3600)));
        assertThat(v2.asked()).isTrue();
        awaitSent();
        assertThat(noticesTo(russian, "Сможете сдать тест до завтра?")).hasSize(1);
        assertThat(noticesTo(tajik, "Шумо метавонед то фардо санҷиш супоред?")).hasSize(1);
        assertThat(noticesTo(uzbek, "Ertagacha test topshira olasizmi?")).hasSize(1);
        for (Talk nobody : List.of(otherRoute, departed, unregistered)) {
            assertThat(noticesTo(nobody, "COVID-19")).isEmpty();
        }
        onBus = onBus(departure, rq);
        assertThat(onBus.counts().unanswered()).isEqualTo(3);

        tajik.pressData("g:rq:" + rq + ":y");
        onBus = onBus(departure, rq);
        assertThat(onBus.counts()).isEqualTo(new StaffRequirements.Counts(1, 0, 2, 2, 0, 4));

        // Withdrawn: a press on the old notice changes nothing and says so.
        dsl.transaction(c -> new StaffRequirements(c.dsl(), OUTBOX).deactivate(rq, 2, staffId, NOW.plusSeconds(7200)));
        var replies = uzbek.pressData("g:rq:" + rq + ":y");
        Talk.assertSays(replies, uzbek.t("misc.stale"));
        assertThat(new StaffRequirements(dsl, OUTBOX).onDeparture(departure))
                .noneMatch(o -> o.requirement().getId() == rq);
    }
}
