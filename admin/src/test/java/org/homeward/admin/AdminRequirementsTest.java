package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.AUDIT_LOG;
import static org.homeward.db.jooq.Tables.DELIVERY;
import static org.homeward.db.jooq.Tables.REQUIREMENT;
import static org.homeward.db.jooq.Tables.REQUIREMENT_VERSION;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.homeward.admin.web.Role;
import org.homeward.core.departures.StaffDepartures;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.requirements.Requirements;
import org.homeward.i18n.Language;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Requirements over real HTTP and PostgreSQL: a refused form keeps what was typed with each error beside its field,
 * the preview counts the people a publish would tell, a publish tells only the route's people and is audited without
 * personal data, an edit of an older version is refused with 409, every version shows in the history, the departure
 * page counts the answers, a withdrawal is announced, and coordinators only read.
 */
@Tag("slow")
class AdminRequirementsTest {
    private static AdminFixture admin;
    private static Seed seed;
    private static Browser staff;

    @BeforeAll
    static void start() throws Exception {
        admin = AdminFixture.start();
        seed = new Seed(admin.database);
        staff = admin.loggedIn("dilnoza@example.org", Role.STAFF);
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    private static int id(String table, String code) {
        return admin.database.dsl().fetchSingle("select id from " + table + " where code = ?", code).get(0, Integer.class);
    }

    private static String[] form(String from, String to, String textRu, String questionRu, String... more) {
        List<String> f = new ArrayList<>(List.of("from", from, "to", to,
                "text_tg", "Барои роҳ маълумотномаи тиббӣ лозим аст.", "text_ru", textRu,
                "text_uz", "Yoʻl uchun tibbiy maʼlumotnoma kerak.",
                "question_tg", questionRu.isEmpty() ? "" : "Шумо маълумотнома доред?", "question_ru", questionRu,
                "question_uz", questionRu.isEmpty() ? "" : "Sizda maʼlumotnoma bormi?"));
        f.addAll(List.of(more));
        return f.toArray(String[]::new);
    }

    private static int deliveriesTo(long chatId) {
        return admin.database.dsl().fetchCount(DELIVERY, DELIVERY.CHAT_ID.eq(chatId));
    }

    @Test
    void staffPublishAndChangeARequirementAndOnlyItsRouteIsTold() throws Exception {
        Instant at = Instant.parse("2026-08-20T10:00:00Z");
        var onRoute = seed.register(Language.TG, "Раҳимов Алишер", LocalDate.of(1991, 2, 3), "RA200001", "+992901240001",
                "almaty", "tj_sughd", Set.of(), at, "Раҳимова Зарина");
        var alsoOnRoute = seed.register(Language.UZ, "Yusupov Bobur", LocalDate.of(1992, 2, 3), "RA200002", "+998901240002",
                "almaty", "tj_khatlon", Set.of(), at);
        var otherPlace = seed.register(Language.RU, "Ахмедов Рустам", LocalDate.of(1993, 2, 3), "RA200003", "+992901240003",
                "shymkent", "tj_sughd", Set.of(), at);
        var otherCountry = seed.register(Language.RU, "Каримов Анвар", LocalDate.of(1994, 2, 3), "RA200004", "+992901240004",
                "almaty", "uz_fergana", Set.of(), at);
        String almaty = "place:" + id("location", "almaty");

        HttpResponse<String> list = staff.get("/admin/requirements");
        assertThat(list.statusCode()).isEqualTo(200);
        // The seeded requirements, in the Latin-script texts an English-speaking member reads.
        assertThat(list.body()).contains("Oʻzbekiston orqali oʻtish").contains("id=\"new-requirement\"");

        // A refused form: errors beside their fields, the typed text kept, nothing published.
        staff.get("/admin/requirements/new");
        int before = admin.database.dsl().fetchCount(REQUIREMENT);
        HttpResponse<String> refused = staff.post("/admin/requirements/new", "from", almaty, "to", "country:TJ",
                "text_tg", "", "text_ru", "Нужна справка от врача.", "text_uz", "x".repeat(1001),
                "question_tg", "", "question_ru", "Справка есть?", "question_uz", "");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"text_tg-error\"").contains("id=\"text_uz-error\"")
                .contains("id=\"question_tg-error\"").contains("id=\"question_uz-error\"")
                .doesNotContain("id=\"text_ru-error\"").contains("Нужна справка от врача.").contains("Справка есть?");
        assertThat(admin.database.dsl().fetchCount(REQUIREMENT)).isEqualTo(before);
        assertThat(deliveriesTo(onRoute.chatId())).isZero();

        // The preview says how many a publish would tell, and shows the notice in the three languages.
        HttpResponse<String> preview = staff.post("/admin/requirements/0/preview",
                form(almaty, "country:TJ", "Нужна справка от врача.", "Справка есть?"));
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Will notify 2 people").contains("Нужна справка от врача.")
                .contains("Yoʻl uchun tibbiy maʼlumotnoma kerak.").doesNotContain("<html");

        HttpResponse<String> created = staff.post("/admin/requirements/new",
                form(almaty, "country:TJ", "Нужна справка от врача.", "Справка есть?"));
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(staff.location()).matches("/admin/requirements/\\d+\\?done=created");
        int rq = Integer.parseInt(staff.location().replaceAll("\\D*(\\d+).*", "$1"));
        assertThat(deliveriesTo(onRoute.chatId())).isEqualTo(1);
        assertThat(deliveriesTo(alsoOnRoute.chatId())).isEqualTo(1);
        assertThat(deliveriesTo(otherPlace.chatId())).isZero();
        assertThat(deliveriesTo(otherCountry.chatId())).isZero();
        var audit = admin.database.dsl().selectFrom(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq("requirement.create")).fetchSingle();
        assertThat(audit.getSubject()).isEqualTo("requirement:" + rq);
        assertThat(audit.getDetail()).contains("version 1").contains("2 recipients").contains("TJ")
                .doesNotContain("Раҳимов").doesNotContain("+992");

        HttpResponse<String> page = staff.get(staff.location());
        assertThat(page.body()).contains("id=\"done\"").contains("id=\"requirement-form\"")
                .contains("name=\"version\" value=\"1\"").contains("id=\"counts\"");

        // A new version: the text changes, the route's people are told again; the question is not asked again.
        assertThat(staff.post("/admin/requirements/" + rq,
                form(almaty, "country:TJ", "Нужна справка от врача, не старше 3 дней.", "Справка есть?", "version", "1"))
                .statusCode()).isEqualTo(303);
        assertThat(deliveriesTo(onRoute.chatId())).isEqualTo(2);
        assertThat(deliveriesTo(otherPlace.chatId())).isZero();

        // The same form again, at version 1: someone published since, so it is refused and the typed text kept.
        staff.get("/admin/requirements/" + rq);
        HttpResponse<String> stale = staff.post("/admin/requirements/" + rq,
                form(almaty, "country:TJ", "Другой текст, набранный позже.", "Справка есть?", "version", "1"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("id=\"refused\"").contains("version 2").contains("dilnoza@example.org")
                .contains("Другой текст, набранный позже.");
        // Nothing changed at all: refused beside the form.
        HttpResponse<String> unchanged = staff.post("/admin/requirements/" + rq,
                form(almaty, "country:TJ", "Нужна справка от врача, не старше 3 дней.", "Справка есть?", "version", "2"));
        assertThat(unchanged.statusCode()).isEqualTo(422);
        assertThat(unchanged.body()).contains("id=\"form-error\"");
        assertThat(admin.database.dsl().fetchCount(REQUIREMENT_VERSION, REQUIREMENT_VERSION.REQUIREMENT_ID.eq(rq))).isEqualTo(2);

        HttpResponse<String> history = staff.get("/admin/requirements/" + rq + "/history");
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.body()).contains("data-version=\"2\"").contains("data-version=\"1\"")
                .contains("Нужна справка от врача.").contains("Нужна справка от врача, не старше 3 дней.")
                .contains("dilnoza@example.org");

        // Tomorrow's bus from Almaty: one passenger answered "no", the other has not answered.
        long departure = admin.database.dsl().transactionResult(c -> {
            StaffDepartures d = new StaffDepartures(c.dsl(), new Outbox());
            long dep = d.create(new StaffDepartures.Plan(id("location", "almaty"), List.of(),
                    LocalDateTime.of(2026, 9, 1, 8, 0), "дарвоза", "ворота", "darvoza", null, null, 40, null, null, null),
                    admin.clock.instant());
            d.assign(dep, List.of(onRoute.id(), alsoOnRoute.id()), admin.clock.instant());
            new Requirements(c.dsl()).answer(onRoute.id(), rq, false, admin.clock.instant());
            return dep;
        });
        HttpResponse<String> bus = staff.get("/admin/departures/" + departure);
        assertThat(bus.statusCode()).isEqualTo(200);
        assertThat(bus.body()).contains("id=\"question-counts\"")
                .contains("<li data-rq=\"" + rq + "\"")
                .contains("yes 0 (0) · no 1 (2) · not answered 1 (1)")
                .contains("data-rq=\"" + rq + "\" data-rq-answer=\"no\"")
                .contains("data-rq=\"" + rq + "\" data-rq-answer=\"none\"");

        // "Ask again": the "no" stays in history but no longer counts.
        staff.get("/admin/requirements/" + rq);
        assertThat(staff.post("/admin/requirements/" + rq, form(almaty, "country:TJ",
                "Нужна справка от врача, не старше 3 дней.", "Справка есть?", "version", "2", "ask_again", "on"))
                .statusCode()).isEqualTo(303);
        assertThat(staff.get("/admin/departures/" + departure).body()).contains("yes 0 (0) · no 0 (0) · not answered 2 (3)");
        // The registration shows the question asked again, and the earlier "no" with the version it answered.
        assertThat(staff.get("/admin/registrations/" + onRoute.id()).body()).contains("asked again, not answered yet")
                .contains("earlier answer: no, to version 2");

        // Withdrawn: announced to the route, shown as no longer in force.
        staff.get("/admin/requirements/" + rq);
        assertThat(staff.post("/admin/requirements/" + rq + "/deactivate", "version", "3").statusCode()).isEqualTo(303);
        assertThat(deliveriesTo(onRoute.chatId())).isEqualTo(5);
        assertThat(staff.location()).isEqualTo("/admin/requirements?done=deactivated");
        assertThat(staff.get(staff.location()).body()).contains("id=\"inactive\"").contains("id=\"done\"");
        assertThat(admin.database.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.like("requirement.%"))).isEqualTo(4);

        // A coordinator reads the list, a requirement and its history, but has no form and cannot publish.
        Browser coordinator = admin.loggedIn("coord.rq@example.org", Role.COORDINATOR);
        assertThat(coordinator.get("/admin/requirements").statusCode()).isEqualTo(200);
        HttpResponse<String> read = coordinator.get("/admin/requirements/" + rq);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).doesNotContain("id=\"requirement-form\"");
        assertThat(coordinator.get("/admin/requirements/" + rq + "/history").statusCode()).isEqualTo(200);
        assertThat(coordinator.post("/admin/requirements/new", form(almaty, "", "Текст.", "")).statusCode()).isEqualTo(403);
    }
}
