package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.AUDIT_LOG;
import static org.homeward.db.jooq.Tables.DELIVERY;
import static org.homeward.db.jooq.Tables.DEPARTURE;
import static org.homeward.db.jooq.Tables.REGISTRATION;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homeward.admin.web.Role;
import org.homeward.db.enums.DepartureStatus;
import org.homeward.db.enums.StaffStatus;
import org.homeward.i18n.Language;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Departures over real HTTP and PostgreSQL: a refused form keeps what was typed with each error beside its field,
 * a departure is created, people are assigned most urgent first and never over the seats, a time change and a
 * cancel tell the passengers, every change is audited, and coordinators only read.
 */
@Tag("slow")
class AdminDeparturesTest {
    private static final Pattern WAITING = Pattern.compile("<input type=\"checkbox\" name=\"r\" value=\"(\\d+)\"");
    private static AdminFixture admin;
    private static Seed seed;
    private static Browser staff;

    @BeforeAll
    static void start() throws Exception {
        admin = AdminFixture.start();
        seed = new Seed(admin.database);
        staff = admin.loggedIn("farrukh@example.org", Role.STAFF);
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    private static String[] form(String date, String time, String meetingRu, String seats) {
        int place = admin.database.dsl().fetchSingle("select id from location where code = 'zhibek_zholy'").get(0, Integer.class);
        return new String[] {"place", String.valueOf(place), "date", date, "time", time,
                "meeting_tg", "Назди дарвозаи асосӣ", "meeting_ru", meetingRu, "meeting_uz", "Asosiy darvoza oldida",
                "lat", "", "lon", "", "seats", seats, "bring_tg", "", "bring_ru", "Паспорт, вода", "bring_uz", ""};
    }

    private static List<Long> waiting(String body) {
        List<Long> ids = new ArrayList<>();
        Matcher m = WAITING.matcher(body);
        while (m.find()) {
            ids.add(Long.valueOf(m.group(1)));
        }
        return ids;
    }

    private static int deliveriesTo(long chatId) {
        return admin.database.dsl().fetchCount(DELIVERY, DELIVERY.CHAT_ID.eq(chatId));
    }

    @Test
    void staffCreateADepartureAssignTheMostUrgentFirstWithinTheSeatsChangeItsTimeAndCancelIt() throws Exception {
        staff.get("/admin/departures");
        // A refused form: each error beside its field, what was typed kept.
        HttpResponse<String> refused = staff.post("/admin/departures", form("2026-09-10", "25:99", "", "0"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"time-error\"").contains("id=\"meeting_ru-error\"")
                .contains("id=\"seats-error\"").contains("value=\"25:99\"").contains("Назди дарвозаи асосӣ")
                .doesNotContain("id=\"date-error\"");
        assertThat(admin.database.dsl().fetchCount(DEPARTURE)).isZero();

        HttpResponse<String> created = staff.post("/admin/departures", form("2026-09-10", "07:30", "У главных ворот", "4"));
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(staff.location()).matches("/admin/departures/\\d+\\?done=created");
        long id = Long.parseLong(staff.location().replaceAll("\\D*(\\d+).*", "$1"));
        // 07:30 at Zhibek Zholy (UTC+5) is 02:30 UTC.
        assertThat(admin.database.dsl().select(DEPARTURE.DEPARTS_AT).from(DEPARTURE).where(DEPARTURE.ID.eq(id))
                .fetchSingle().value1()).isEqualTo(Instant.parse("2026-09-10T02:30:00Z"));

        var plain = seed.register(Language.RU, "Назаров Акмал", LocalDate.of(1990, 1, 1), "DA100001", "+992901230001",
                "zhibek_zholy", "tj_sughd", Set.of(), Instant.parse("2026-08-01T10:00:00Z"));
        var family = seed.register(Language.TG, "Ҷӯраев Фарҳод", LocalDate.of(1985, 1, 2), "DA100002", "+992901230002",
                "zhibek_zholy", "tj_sughd", Set.of("pregnancy"), Instant.parse("2026-08-20T10:00:00Z"),
                "Ҷӯраева Мадина", "Ҷӯраева Нигина");
        var child = seed.register(Language.UZ, "Qodirov Gʻayrat", LocalDate.of(2011, 5, 6), "DA100003", "+998901230003",
                "zhibek_zholy", "tj_sughd", Set.of("unaccompanied_child"), Instant.parse("2026-08-25T10:00:00Z"));

        HttpResponse<String> page = staff.get("/admin/departures/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(waiting(page.body())).containsExactly(child.id(), family.id(), plain.id());

        // 1 + 3 + 1 travellers for 4 seats: refused, nobody assigned.
        HttpResponse<String> tooMany = staff.post("/admin/departures/" + id + "/assign",
                "r", String.valueOf(child.id()), "r", String.valueOf(family.id()), "r", String.valueOf(plain.id()));
        assertThat(tooMany.statusCode()).isEqualTo(409);
        assertThat(tooMany.body()).contains("id=\"refused\"").contains("5").contains("4");
        assertThat(deliveriesTo(child.chatId())).isZero();

        staff.get("/admin/departures/" + id);
        assertThat(staff.post("/admin/departures/" + id + "/assign",
                "r", String.valueOf(child.id()), "r", String.valueOf(family.id())).statusCode()).isEqualTo(303);
        page = staff.get("/admin/departures/" + id);
        assertThat(page.body()).contains("data-id=\"" + child.id() + "\" data-answer=\"none\"")
                .contains("data-id=\"" + family.id() + "\" data-answer=\"none\"");
        assertThat(waiting(page.body())).containsExactly(plain.id());
        assertThat(deliveriesTo(child.chatId())).isEqualTo(1);
        assertThat(deliveriesTo(family.chatId())).isEqualTo(1);
        assertThat(deliveriesTo(plain.chatId())).isZero();

        // The time changes: both passengers are told again.
        String version = page.body().replaceAll("(?s).*name=\"version\" value=\"([0-9a-f]+)\".*", "$1");
        List<String> edit = new ArrayList<>(List.of(form("2026-09-10", "09:00", "У главных ворот", "4")));
        edit.addAll(List.of("version", version));
        assertThat(staff.post("/admin/departures/" + id, edit.toArray(String[]::new)).statusCode()).isEqualTo(303);
        assertThat(deliveriesTo(child.chatId())).isEqualTo(2);
        assertThat(deliveriesTo(family.chatId())).isEqualTo(2);
        // Fewer seats than the 4 travellers on it: refused beside the field.
        staff.get("/admin/departures/" + id);
        String fresh = staff.last.body().replaceAll("(?s).*name=\"version\" value=\"([0-9a-f]+)\".*", "$1");
        List<String> shrink = new ArrayList<>(List.of(form("2026-09-10", "09:00", "У главных ворот", "3")));
        shrink.addAll(List.of("version", fresh));
        HttpResponse<String> tooFew = staff.post("/admin/departures/" + id, shrink.toArray(String[]::new));
        assertThat(tooFew.statusCode()).isEqualTo(422);
        assertThat(tooFew.body()).contains("id=\"seats-error\"").contains("value=\"3\"");
        // The same form again, at the version it was read: someone saved meanwhile, so it is refused.
        staff.get("/admin/departures/" + id);
        HttpResponse<String> stale = staff.post("/admin/departures/" + id, edit.toArray(String[]::new));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("id=\"refused\"");

        // A coordinator reads the passenger list but has no assign or change forms.
        Browser coordinator = admin.loggedIn("malika@example.org", Role.COORDINATOR);
        HttpResponse<String> read = coordinator.get("/admin/departures/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("data-id=\"" + child.id() + "\"").doesNotContain("id=\"edit-departure\"")
                .doesNotContain("name=\"r\" value=");
        assertThat(coordinator.get("/admin/departures").body()).contains("data-id=\"" + id + "\"")
                .doesNotContain("id=\"new-departure\"");

        // Cancelled: the passengers are told and wait again.
        staff.get("/admin/departures/" + id);
        assertThat(staff.post("/admin/departures/" + id + "/cancel").statusCode()).isEqualTo(303);
        assertThat(deliveriesTo(child.chatId())).isEqualTo(3);
        assertThat(admin.database.dsl().select(DEPARTURE.STATUS).from(DEPARTURE).where(DEPARTURE.ID.eq(id)).fetchSingle().value1())
                .isEqualTo(DepartureStatus.CANCELLED);
        assertThat(admin.database.dsl().select(REGISTRATION.STAFF_STATUS).from(REGISTRATION)
                .where(REGISTRATION.ID.in(child.id(), family.id())).fetch(REGISTRATION.STAFF_STATUS))
                .containsOnly(StaffStatus.VERIFIED);

        // A new bus of 2 seats filled in urgency order: the child (1), not the family (3, too big), then the longest waiting (1).
        staff.get("/admin/departures");
        staff.post("/admin/departures", form("2026-09-11", "07:30", "У главных ворот", "2"));
        long second = Long.parseLong(staff.location().replaceAll("\\D*(\\d+).*", "$1"));
        staff.get("/admin/departures/" + second);
        assertThat(staff.post("/admin/departures/" + second + "/fill").statusCode()).isEqualTo(303);
        assertThat(staff.get("/admin/departures/" + second).body())
                .contains("data-id=\"" + child.id() + "\" data-answer").contains("data-id=\"" + plain.id() + "\" data-answer")
                .doesNotContain("data-id=\"" + family.id() + "\" data-answer");

        assertThat(admin.database.dsl().select(AUDIT_LOG.ACTION).from(AUDIT_LOG)
                .where(AUDIT_LOG.SUBJECT.eq("departure:" + id)).orderBy(AUDIT_LOG.ID).fetch(AUDIT_LOG.ACTION))
                .containsExactly("departure.create", "departure.assign", "departure.edit", "departure.cancel");
    }

    private static String[] formAt(String place, String date, String time, String seats) {
        int placeId = admin.database.dsl().fetchSingle("select id from location where code = ?", place).get(0, Integer.class);
        return new String[] {"place", String.valueOf(placeId), "date", date, "time", time,
                "meeting_tg", "Назди вокзал", "meeting_ru", "У вокзала", "meeting_uz", "Vokzal oldida",
                "lat", "", "lon", "", "seats", seats, "bring_tg", "", "bring_ru", "", "bring_uz", ""};
    }

    @Test
    void staffAssignByFilterUpToTheSeatsAndMarkTheBusDepartedOnceItsTimeHasCome() throws Exception {
        // Today at 15:30 in Shymkent (UTC+5) is 10:30 UTC, two and a half hours after the fixture's clock.
        staff.get("/admin/departures");
        staff.post("/admin/departures", formAt("shymkent", "2026-09-01", "15:30", "3"));
        long id = Long.parseLong(staff.location().replaceAll("\\D*(\\d+).*", "$1"));
        var illFamily = seed.register(Language.RU, "Саидов Рустам", LocalDate.of(1980, 1, 1), "DF100001", "+992901240001",
                "shymkent", "tj_sughd", Set.of("illness"), Instant.parse("2026-08-10T10:00:00Z"), "Саидова Лола");
        var ill = seed.register(Language.TG, "Раҳимов Бахтиёр", LocalDate.of(1975, 1, 1), "DF100002", "+992901240002",
                "shymkent", "tj_sughd", Set.of("illness"), Instant.parse("2026-08-20T10:00:00Z"));
        var illLate = seed.register(Language.UZ, "Karimov Jasur", LocalDate.of(1970, 1, 1), "DF100003", "+998901240003",
                "shymkent", "tj_sughd", Set.of("illness"), Instant.parse("2026-08-28T10:00:00Z"));
        var child = seed.register(Language.RU, "Исмоилов Сино", LocalDate.of(2012, 1, 1), "DF100004", "+992901240004",
                "shymkent", "tj_sughd", Set.of("unaccompanied_child"), Instant.parse("2026-08-29T10:00:00Z"));

        // The filter shows the matching part of the waiting list, in urgency order; a wrong value is refused beside it.
        HttpResponse<String> shown = staff.get("/admin/departures/" + id + "?f_need=illness&f_max=3");
        assertThat(waiting(shown.body())).containsExactly(illFamily.id(), ill.id(), illLate.id());
        assertThat(shown.body()).contains("id=\"filter-shown\"").contains("name=\"f_need\" value=\"illness\"");
        // Two and a half hours before: the day-before reminder is no longer due, the 2 h one is still to come.
        assertThat(shown.body()).containsPattern("id=\"reminders\">[^<]*no longer due[^<]*to come");
        HttpResponse<String> wrong = staff.get("/admin/departures/" + id + "?f_max=many");
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("id=\"f_max-error\"").contains("value=\"many\"");
        assertThat(staff.post("/admin/departures/" + id + "/fill", "f_before", "1 September").statusCode()).isEqualTo(422);
        assertThat(staff.last.body()).contains("id=\"f_before-error\"");
        assertThat(admin.database.dsl().fetchCount(DELIVERY, DELIVERY.CHAT_ID.eq(illFamily.chatId()))).isZero();

        // Assign the ill ones, most urgent and longest waiting first, up to the 3 seats: the family (2) and one more.
        staff.get("/admin/departures/" + id + "?f_need=illness");
        assertThat(staff.post("/admin/departures/" + id + "/fill", "f_dest", "", "f_need", "illness", "f_before", "",
                "f_max", "").statusCode()).isEqualTo(303);
        assertThat(staff.location()).endsWith("?done=filled&n=2&people=3&left=1");
        HttpResponse<String> page = staff.get(staff.location());
        assertThat(page.body()).contains("id=\"done\"").contains("data-id=\"" + illFamily.id() + "\" data-answer")
                .contains("data-id=\"" + ill.id() + "\" data-answer").doesNotContain("data-id=\"" + illLate.id() + "\" data-answer");
        assertThat(waiting(page.body())).containsExactly(child.id(), illLate.id());
        assertThat(deliveriesTo(illFamily.chatId())).isEqualTo(1);
        assertThat(deliveriesTo(child.chatId())).isZero();

        // One cannot come: it shows at once, with the seat to give to the next person.
        admin.database.dsl().transaction(c -> new org.homeward.core.departures.Departures(c.dsl())
                .answer(ill.id(), false, Instant.parse("2026-09-01T08:00:00Z")));
        admin.database.dsl().transaction(c -> new org.homeward.core.departures.Departures(c.dsl())
                .answer(illFamily.id(), true, Instant.parse("2026-09-01T08:00:00Z")));
        assertThat(staff.get("/admin/departures/" + id).body()).contains("id=\"cannot-come\"");

        // Marking it gone needs the box ticked; then the confirmed family departs and the other waits again.
        assertThat(staff.post("/admin/departures/" + id + "/departed").statusCode()).isEqualTo(422);
        staff.get("/admin/departures/" + id);
        assertThat(staff.post("/admin/departures/" + id + "/departed", "confirm", "yes").statusCode()).isEqualTo(303);
        assertThat(staff.location()).endsWith("?done=departed&n=1&people=2&returned=1");
        assertThat(admin.database.dsl().select(REGISTRATION.ID, REGISTRATION.STAFF_STATUS).from(REGISTRATION)
                .where(REGISTRATION.ID.in(illFamily.id(), ill.id())).fetchMap(REGISTRATION.ID, REGISTRATION.STAFF_STATUS))
                .containsEntry(illFamily.id(), StaffStatus.DEPARTED).containsEntry(ill.id(), StaffStatus.VERIFIED);
        page = staff.get(staff.location());
        assertThat(page.body()).contains("id=\"done\"").doesNotContain("id=\"depart-departure\"");
        assertThat(admin.database.dsl().select(DEPARTURE.STATUS).from(DEPARTURE).where(DEPARTURE.ID.eq(id)).fetchSingle().value1())
                .isEqualTo(DepartureStatus.DEPARTED);
        assertThat(admin.database.dsl().select(AUDIT_LOG.ACTION).from(AUDIT_LOG)
                .where(AUDIT_LOG.SUBJECT.eq("departure:" + id)).orderBy(AUDIT_LOG.ID).fetch(AUDIT_LOG.ACTION))
                .containsExactly("departure.create", "departure.fill", "departure.depart");

        // A bus four days away cannot be marked gone yet.
        staff.get("/admin/departures");
        staff.post("/admin/departures", formAt("shymkent", "2026-09-05", "15:00", "3"));
        long later = Long.parseLong(staff.location().replaceAll("\\D*(\\d+).*", "$1"));
        staff.get("/admin/departures/" + later);
        HttpResponse<String> early = staff.post("/admin/departures/" + later + "/departed", "confirm", "yes");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.body()).contains("id=\"refused\"").contains("2026-09-05 09:00");
    }
}
