package org.homeward.core.requirements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.DELIVERY;
import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.REQUIREMENT_VERSION;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.homeward.core.Domain;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.outbox.Outbox.Stored;
import org.homeward.core.outbox.OutgoingMessage;
import org.homeward.core.registrations.Confirmation;
import org.homeward.core.registrations.RegistrationCodes;
import org.homeward.core.registrations.RegistrationForm;
import org.homeward.core.registrations.Traveller;
import org.homeward.core.requirements.StaffRequirements.Draft;
import org.homeward.core.requirements.StaffRequirements.Published;
import org.homeward.core.requirements.StaffRequirements.Route;
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
 * Staff's requirements on a real PostgreSQL: refused drafts save nothing, every version is kept, a publish tells
 * only the live registrations on the route in their language, a changed question is asked again and earlier answers
 * stop counting, and a withdrawn requirement is announced as such.
 */
class StaffRequirementsTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Outbox OUTBOX = new Outbox();
    private static final RegistrationCodes CODES = new RegistrationCodes(new Random(5));
    private static TestDatabase db;
    private static DSLContext dsl;
    private static long staffId;
    private static long nextChat = 500;
    private static int nextDocument = 5000;

    @BeforeAll
    static void database() {
        db = TestPostgres.newDatabase();
        dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        staffId = dsl.fetchSingle("insert into staff_account (email, role, created_at, updated_at)"
                + " values ('rq@example.org', 'staff', now(), now()) returning id").get(0, Long.class);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static int id(String table, String code) {
        return dsl.fetchSingle("select id from " + table + " where code = ?", code).get(0, Integer.class);
    }

    /** A confirmed registration from {@code place} to {@code destination} by someone writing in {@code language}. */
    private static long register(Language language, String place, String destination) {
        long chat = nextChat++;
        String doc = "RQ" + (nextDocument++);
        return dsl.transactionResult(c -> {
            Domain d = Domain.on(c.dsl(), CODES);
            d.people().touch(chat, NOW);
            d.people().setLanguage(chat, language);
            var form = new RegistrationForm(null, new Traveller("Каримов Далер", LocalDate.of(1990, 3, 8), "M", "TJ",
                    "self", "passport", doc), "+9929100" + (nextDocument - 1), id("location", place), null,
                    id("destination", destination), "Истаравшан", List.of(), Set.of());
            Confirmation result = d.registrations().confirm(chat, form, NOW);
            if (!(result instanceof Confirmation.Saved saved)) {
                throw new IllegalStateException("not saved: " + result);
            }
            return saved.registrationId();
        });
    }

    private static long chatOf(long registrationId) {
        return dsl.select(REGISTRATION.CHAT_ID).from(REGISTRATION).where(REGISTRATION.ID.eq(registrationId)).fetchSingle().value1();
    }

    private static List<OutgoingMessage> queuedFor(long registrationId) {
        List<Long> ids = dsl.select(DELIVERY.MESSAGE_ID).from(DELIVERY).where(DELIVERY.CHAT_ID.eq(chatOf(registrationId)))
                .orderBy(DELIVERY.MESSAGE_ID).fetch(DELIVERY.MESSAGE_ID);
        Map<Long, Stored> stored = OUTBOX.messages(dsl, ids);
        return ids.stream().map(id -> ((Stored.Readable) stored.get(id)).message()).toList();
    }

    private static StaffRequirements staff() {
        return new StaffRequirements(dsl, OUTBOX);
    }

    private static Draft draft(Route route, String ru, String questionRu, boolean askAgain) {
        return new Draft(route, "тоҷикӣ: " + ru, ru, "oʻzbekcha: " + ru,
                questionRu == null ? null : "Савол: " + questionRu, questionRu,
                questionRu == null ? null : "Savol: " + questionRu, askAgain);
    }

    @Test
    void aRefusedDraftSavesNothingAndSaysWhichFields() {
        int before = dsl.fetchCount(REQUIREMENT_VERSION);
        Draft bad = new Draft(new Route(id("location", "almaty"), "KZ", null, "XX"), " ", "x".repeat(1001), "ok",
                "савол", null, null, false);
        Published result = staff().create(bad, staffId, NOW);

        assertThat(result).isInstanceOf(Published.Invalid.class);
        assertThat(((Published.Invalid) result).errors()).containsEntry("text_tg", "required")
                .containsEntry("text_ru", "too_long").containsEntry("question_ru", "required")
                .containsEntry("question_uz", "required").containsEntry("location", "both")
                .containsEntry("destination", "unknown").doesNotContainKey("text_uz");
        assertThat(dsl.fetchCount(REQUIREMENT_VERSION)).isEqualTo(before);
    }

    @Test
    void aPublishReachesOnlyLiveRegistrationsOnTheRouteInTheirLanguage() {
        Route fromShymkentToUz = new Route(id("location", "shymkent"), null, null, "UZ");
        long tajik = register(Language.TG, "shymkent", "uz_fergana");
        long uzbek = register(Language.UZ, "shymkent", "uz_andijan");
        long otherPlace = register(Language.RU, "almaty", "uz_fergana");
        long otherCountry = register(Language.RU, "shymkent", "tj_sughd");
        long departed = register(Language.RU, "shymkent", "uz_fergana");
        long cancelled = register(Language.RU, "shymkent", "uz_fergana");
        dsl.update(REGISTRATION).set(REGISTRATION.STAFF_STATUS, StaffStatus.DEPARTED).where(REGISTRATION.ID.eq(departed)).execute();
        dsl.update(REGISTRATION).set(REGISTRATION.STAFF_STATUS, StaffStatus.CANCELLED).where(REGISTRATION.ID.eq(cancelled)).execute();
        dsl.transaction(c -> Domain.on(c.dsl(), CODES).people().touch(99_999L, NOW));

        assertThat(staff().concernedCount(fromShymkentToUz)).isEqualTo(2);
        Published result = staff().create(draft(fromShymkentToUz, "Нужна справка.", "Справка есть?", false), staffId, NOW);

        assertThat(result).isInstanceOf(Published.Done.class);
        Published.Done done = (Published.Done) result;
        assertThat(done.recipients()).isEqualTo(2);
        assertThat(done.version()).isEqualTo(1);
        OutgoingMessage toTajik = queuedFor(tajik).getLast();
        assertThat(toTajik.text().render(Language.TG)).contains("Талаботи нав", "тоҷикӣ: Нужна справка.", "Савол: Справка есть?");
        assertThat(toTajik.text().render(Language.UZ)).contains("yangi talab", "oʻzbekcha: Нужна справка.");
        assertThat(toTajik.keyboard().getFirst()).extracting(OutgoingMessage.Button::callbackData)
                .containsExactly("g:rq:" + done.requirementId() + ":y", "g:rq:" + done.requirementId() + ":n");
        assertThat(queuedFor(uzbek)).hasSize(1);
        for (long nobody : List.of(otherPlace, otherCountry, departed, cancelled)) {
            assertThat(queuedFor(nobody)).isEmpty();
        }
        assertThat(dsl.fetchCount(DELIVERY, DELIVERY.CHAT_ID.eq(99_999L))).isZero();
    }

    @Test
    void everyVersionIsKeptAndAChangedQuestionIsAskedAgain() {
        Route toTj = new Route(null, "RU", null, "TJ");
        long person = register(Language.RU, "kazan", "tj_khatlon");
        Published.Done v1 = (Published.Done) staff().create(draft(toTj, "Тест ПЦР.", "Тест есть?", false), staffId, NOW);
        int id = v1.requirementId();
        dsl.transaction(c -> new Requirements(c.dsl()).answer(person, id, false, NOW));
        var r1 = staff().find(id).orElseThrow();
        assertThat(staff().counts(r1)).isEqualTo(new StaffRequirements.Counts(0, 1, 0, 0, 1, 0));

        // Only the text changes: the question is not asked again and the answer still counts.
        Published.Done v2 = (Published.Done) staff().edit(id, 1, draft(toTj, "Тест ПЦР за 72 часа.", "Тест есть?", false),
                staffId, NOW.plusSeconds(60));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.asked()).isFalse();
        assertThat(queuedFor(person).getLast().text().render(Language.RU)).contains("изменилось", "Тест ПЦР за 72 часа.");
        assertThat(queuedFor(person).getLast().keyboard()).isEmpty();
        assertThat(new Requirements(dsl).answers(person)).containsEntry(id, false);

        // The question changes: asked again, with buttons; the earlier answer is history.
        Published.Done v3 = (Published.Done) staff().edit(id, 2, draft(toTj, "Тест ПЦР за 72 часа.", "Сдадите тест?", false),
                staffId, NOW.plusSeconds(120));
        assertThat(v3.asked()).isTrue();
        assertThat(queuedFor(person).getLast().keyboard()).isNotEmpty();
        assertThat(new Requirements(dsl).answers(person)).doesNotContainKey(id);
        assertThat(staff().counts(staff().find(id).orElseThrow())).isEqualTo(new StaffRequirements.Counts(0, 0, 1, 0, 0, 1));
        assertThat(new Requirements(dsl).answerHistory(person)).hasSize(1);
        dsl.transaction(c -> new Requirements(c.dsl()).answer(person, id, true, NOW.plusSeconds(180)));
        assertThat(new Requirements(dsl).answers(person)).containsEntry(id, true);

        // "Ask again" with nothing else changed asks again; nothing changed at all is refused.
        Published again = staff().edit(id, 3, draft(toTj, "Тест ПЦР за 72 часа.", "Сдадите тест?", false), staffId, NOW);
        assertThat(again).isEqualTo(new Published.Invalid(Map.of("form", "unchanged")));
        Published.Done v4 = (Published.Done) staff().edit(id, 3, draft(toTj, "Тест ПЦР за 72 часа.", "Сдадите тест?", true),
                staffId, NOW.plusSeconds(240));
        assertThat(v4.asked()).isTrue();
        assertThat(new Requirements(dsl).answers(person)).doesNotContainKey(id);

        // An edit of an older version is refused, with who published the current one and when.
        Published stale = staff().edit(id, 2, draft(toTj, "Другое.", null, false), staffId, NOW);
        assertThat(stale).isEqualTo(new Published.Stale(4, staffId, NOW.plusSeconds(240)));

        assertThat(staff().versions(id)).extracting(v -> v.getVersion()).containsExactly(4, 3, 2, 1);
        assertThat(staff().versions(id)).extracting(v -> v.getTextRu())
                .containsExactly("Тест ПЦР за 72 часа.", "Тест ПЦР за 72 часа.", "Тест ПЦР за 72 часа.", "Тест ПЦР.");
        assertThat(staff().versions(id)).allSatisfy(v -> assertThat(v.getRecipients()).isEqualTo(1));
    }

    @Test
    void aWithdrawnRequirementIsAnnouncedAndLeavesTheBotsList() {
        Route anywhereToGbao = new Route(null, null, id("destination", "tj_gbao"), null);
        long person = register(Language.UZ, "moscow", "tj_gbao");
        Published.Done v1 = (Published.Done) staff().create(draft(anywhereToGbao, "Пропуск в ГБАО.", null, false), staffId, NOW);
        assertThat(new Requirements(dsl).forRoute(id("location", "moscow"), id("destination", "tj_gbao")))
                .extracting(r -> r.getId()).contains(v1.requirementId());

        Published.Done v2 = (Published.Done) staff().deactivate(v1.requirementId(), 1, staffId, NOW.plusSeconds(60));

        assertThat(v2.recipients()).isEqualTo(1);
        assertThat(queuedFor(person).getLast().text().render(Language.UZ)).contains("endi kerak emas", "oʻzbekcha: Пропуск в ГБАО.");
        assertThat(new Requirements(dsl).forRoute(id("location", "moscow"), id("destination", "tj_gbao")))
                .extracting(r -> r.getId()).doesNotContain(v1.requirementId());
        assertThat(staff().versions(v1.requirementId()).getFirst().getActive()).isFalse();
        assertThat(staff().deactivate(v1.requirementId(), 2, staffId, NOW)).isInstanceOf(Published.Invalid.class);
    }

    @Test
    void narrowingTheRouteTellsThoseLeftOutThatItNoLongerApplies() {
        long kazan = register(Language.RU, "kazan", "uz_bukhara");
        long samara = register(Language.RU, "samara", "uz_bukhara");
        Published.Done v1 = (Published.Done) staff().create(draft(new Route(null, "RU", null, null), "Справка с работы.", null, false),
                staffId, NOW);
        Published.Done v2 = (Published.Done) staff().edit(v1.requirementId(), 1,
                draft(new Route(id("location", "kazan"), null, null, null), "Справка с работы.", null, false), staffId, NOW);

        assertThat(queuedFor(kazan).getLast().text().render(Language.RU)).contains("изменилось");
        assertThat(queuedFor(samara).getLast().text().render(Language.RU)).contains("больше не действует");
        assertThat(v2.recipients()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aPublishedVersionIsNeverChanged() {
        int id = ((Published.Done) staff().create(draft(Route.ANY, "Вода.", null, false), staffId, NOW)).requirementId();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dsl.update(REQUIREMENT_VERSION)
                .set(REQUIREMENT_VERSION.TEXT_RU, "другое").where(REQUIREMENT_VERSION.REQUIREMENT_ID.eq(id)).execute())
                .hasMessageContaining("never changed");
    }
}
