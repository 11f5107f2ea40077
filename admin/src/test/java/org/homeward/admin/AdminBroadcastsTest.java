package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.AUDIT_LOG;
import static org.homeward.db.jooq.Tables.BROADCAST;
import static org.homeward.db.jooq.Tables.DELIVERY;
import static org.homeward.db.jooq.Tables.DELIVERY_MESSAGE;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homeward.admin.broadcasts.BroadcastActions;
import org.homeward.admin.web.Role;
import org.homeward.core.staff.StaffLinks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Broadcasts over real HTTP and PostgreSQL, with the approval threshold set to 2 people: a refused composer keeps
 * the text with each error beside its field, the live count and preview, a large broadcast approved by a second
 * member only, pause/resume/stop, a schedule sent by the job, a test to a linked Telegram, each step audited.
 */
@Tag("slow")
class AdminBroadcastsTest {
    private static final Pattern BROADCAST_ID = Pattern.compile("/admin/broadcasts/(\\d+)");
    private static AdminFixture admin;
    private static Browser alisher;
    private static Browser dilnoza;
    private static Browser coordinator;
    private static int almaty;
    private static long nextChat = 5000;

    @BeforeAll
    static void start() throws Exception {
        admin = AdminFixture.start(AdminConfig.local(0).withBroadcasts(2, true));
        alisher = admin.loggedIn("alisher@example.org", Role.STAFF);
        dilnoza = admin.loggedIn("dilnoza@example.org", Role.STAFF);
        coordinator = admin.loggedIn("coord@example.org", Role.COORDINATOR);
        almaty = admin.database.dsl().fetchSingle("select id from location where code = 'almaty'").get(0, Integer.class);
        int moscow = admin.database.dsl().fetchSingle("select id from location where code = 'moscow'").get(0, Integer.class);
        person("tg", almaty);
        person("ru", almaty);
        person("uz", almaty);
        person("ru", moscow);
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    static long person(String language, int place) {
        long chat = nextChat++;
        var dsl = admin.database.dsl();
        dsl.execute("insert into telegram_user (chat_id, language) values (?, ?)", chat, language);
        dsl.execute("insert into registration (chat_id, status, location_id) values (?, 'confirmed', ?)", chat, place);
        return chat;
    }

    private static String[] compose(String tg, String ru, String uz, String... more) {
        String[] base = {"text_tg", tg, "text_ru", ru, "text_uz", uz, "place", String.valueOf(almaty), "registered", "any"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static long created(Browser b, String... form) throws Exception {
        b.get("/admin/broadcasts/new");
        HttpResponse<String> r = b.post("/admin/broadcasts", form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        Matcher m = BROADCAST_ID.matcher(b.location());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static int version(long id) {
        return admin.database.dsl().select(BROADCAST.VERSION).from(BROADCAST).where(BROADCAST.ID.eq(id)).fetchSingle().value1();
    }

    private static int audited(String action, long id) {
        return admin.database.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq(action).and(AUDIT_LOG.SUBJECT.eq("broadcast:" + id)));
    }

    @Test
    void aRefusedComposerKeepsTheTextWithEachErrorBesideItsField() throws Exception {
        HttpResponse<String> fresh = alisher.get("/admin/broadcasts/new");
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.body()).doesNotContain("-error\"").contains("id=\"reach\"");
        HttpResponse<String> r = alisher.post("/admin/broadcasts", compose("", "Автобус завтра в 8:00", ""));
        assertThat(r.statusCode()).as(alisher.location()).isEqualTo(422);
        assertThat(r.body()).contains("id=\"plan_tg-error\"").contains("id=\"plan_uz-error\"")
                .doesNotContain("id=\"plan_ru-error\"").contains("Автобус завтра в 8:00");
        r = alisher.post("/admin/broadcasts", compose("а".repeat(4097), "б", "в"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("id=\"text_tg-error\"");
        assertThat(admin.database.dsl().fetchCount(BROADCAST, BROADCAST.TEXT_RU.eq("Автобус завтра в 8:00"))).isZero();
    }

    @Test
    void theLivePanelCountsTheAudienceAndShowsTheTextAsTelegramWould() throws Exception {
        alisher.get("/admin/broadcasts/new");
        HttpResponse<String> r = alisher.post("/admin/broadcasts/new/preview",
                compose("", "<b>Внимание</b>\nзавтра", "", "plan_tg", "ru", "plan_uz", "ru"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"reach\"").contains("3 people")
                .contains("&lt;b&gt;Внимание&lt;/b&gt;\nзавтра").doesNotContain("<b>Внимание")
                .contains("22 / 4096");
        r = alisher.post("/admin/broadcasts/new/preview", "text_ru", "x", "registered", "any");
        assertThat(r.body()).contains(admin.database.dsl().fetchCount(org.homeward.db.jooq.Tables.TELEGRAM_USER) + " people");
    }

    @Test
    void aLargeBroadcastIsSentOnlyWhenASecondMemberApprovesItThenPausedResumedAndStopped() throws Exception {
        long id = created(alisher, compose("Салом", "Привет", "Salom"));
        HttpResponse<String> page = alisher.get("/admin/broadcasts/" + id);
        assertThat(page.body()).contains("id=\"count-now\">3<").contains("id=\"needs-approval\"");
        HttpResponse<String> r = alisher.post("/admin/broadcasts/" + id + "/send", "version", String.valueOf(version(id)), "when", "now");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(alisher.location()).endsWith("done=awaiting");
        assertThat(admin.database.dsl().fetchCount(BROADCAST, BROADCAST.ID.eq(id).and(BROADCAST.DELIVERY_MESSAGE_ID.isNotNull()))).isZero();

        page = alisher.get("/admin/broadcasts/" + id);
        assertThat(page.body()).contains("id=\"own\"").doesNotContain("id=\"approve\"");
        r = alisher.post("/admin/broadcasts/" + id + "/approve", "version", String.valueOf(version(id)));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("id=\"refused\"");

        page = dilnoza.get("/admin/broadcasts/" + id);
        assertThat(page.body()).contains("id=\"approve\"");
        r = dilnoza.post("/admin/broadcasts/" + id + "/approve", "version", "1");
        assertThat(r.statusCode()).isEqualTo(409);
        r = dilnoza.post("/admin/broadcasts/" + id + "/approve", "version", String.valueOf(version(id)));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(dilnoza.location()).endsWith("done=sent");
        long message = admin.database.dsl().select(BROADCAST.DELIVERY_MESSAGE_ID).from(BROADCAST).where(BROADCAST.ID.eq(id))
                .fetchSingle().value1();
        assertThat(admin.database.dsl().fetchCount(DELIVERY, DELIVERY.MESSAGE_ID.eq(message))).isEqualTo(3);
        page = dilnoza.get("/admin/broadcasts/" + id);
        assertThat(page.body()).contains("id=\"approver\">dilnoza@example.org<").contains("id=\"progress\"");

        // Nobody sends here (no delivery engine): the progress panel shows all waiting, and the controls work.
        HttpResponse<String> progress = coordinator.get("/admin/broadcasts/" + id + "/progress");
        assertThat(progress.statusCode()).isEqualTo(200);
        assertThat(progress.body()).contains("id=\"p-waiting\">3<").doesNotContain("id=\"pause\"");
        alisher.get("/admin/broadcasts/" + id);
        assertThat(alisher.post("/admin/broadcasts/" + id + "/pause").statusCode()).isEqualTo(303);
        assertThat(alisher.get("/admin/broadcasts/" + id + "/progress").body()).contains("id=\"resume\"");
        assertThat(alisher.post("/admin/broadcasts/" + id + "/pause").statusCode()).isEqualTo(409);
        assertThat(alisher.post("/admin/broadcasts/" + id + "/resume").statusCode()).isEqualTo(303);
        assertThat(alisher.post("/admin/broadcasts/" + id + "/stop").statusCode()).isEqualTo(303);
        assertThat(alisher.get("/admin/broadcasts/" + id + "/progress").body()).contains("id=\"p-cancelled\">3<");

        assertThat(audited("broadcast.create", id)).isEqualTo(1);
        assertThat(audited("broadcast.send", id)).isEqualTo(1);
        assertThat(audited("broadcast.approve", id)).isEqualTo(1);
        assertThat(audited("broadcast.pause", id)).isEqualTo(1);
        assertThat(audited("broadcast.resume", id)).isEqualTo(1);
        assertThat(audited("broadcast.stop", id)).isEqualTo(1);
        String detail = admin.database.dsl().select(AUDIT_LOG.DETAIL).from(AUDIT_LOG)
                .where(AUDIT_LOG.ACTION.eq("broadcast.approve")).and(AUDIT_LOG.SUBJECT.eq("broadcast:" + id)).fetchSingle().value1();
        assertThat(detail).contains("3 recipients").contains("places [" + almaty + "]");

        assertThat(coordinator.get("/admin/broadcasts").body()).contains("data-id=\"" + id + "\"");
        assertThat(alisher.get("/admin/broadcasts/999999").statusCode()).isEqualTo(404);
    }

    @Test
    void aScheduledBroadcastIsSentByTheJobWhenItsTimeComes() throws Exception {
        long id = created(alisher, "text_ru", "Собрание в 10:00", "plan_tg", "ru", "plan_uz", "ru", "language", "tg",
                "registered", "yes");
        alisher.get("/admin/broadcasts/" + id);
        HttpResponse<String> r = alisher.post("/admin/broadcasts/" + id + "/send", "version", String.valueOf(version(id)),
                "when", "later", "date", "2026-08-31", "time", "10:00", "zone", "Asia/Almaty");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("id=\"date-error\"").contains("value=\"2026-08-31\"");
        // The fixture's clock: 2026-09-01 08:00 UTC, 13:00 in Almaty (UTC+5).
        r = alisher.post("/admin/broadcasts/" + id + "/send", "version", String.valueOf(version(id)),
                "when", "later", "date", "2026-09-01", "time", "14:00", "zone", "Asia/Almaty");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(alisher.location()).endsWith("done=scheduled");
        assertThat(alisher.get("/admin/broadcasts/" + id).body()).contains("id=\"scheduled-at\">2026-09-01 14:00 Asia/Almaty<");
        Runnable job = BroadcastActions.dueJob(admin.database, admin.clock, Duration.ofHours(6));
        job.run();
        assertThat(admin.database.dsl().fetchCount(DELIVERY_MESSAGE,
                DELIVERY_MESSAGE.ID.in(admin.database.dsl().select(BROADCAST.DELIVERY_MESSAGE_ID).from(BROADCAST).where(BROADCAST.ID.eq(id))))).isZero();
        // An hour later (for the job only: the members' sessions would time out).
        Runnable later = BroadcastActions.dueJob(admin.database, java.time.Clock.offset(admin.clock, Duration.ofHours(1)),
                Duration.ofHours(6));
        later.run();
        later.run();
        assertThat(alisher.get("/admin/broadcasts/" + id).body()).contains("data-state=\"sent\"").contains("id=\"recipients\">1<");
        assertThat(admin.database.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("broadcast.sent")
                .and(AUDIT_LOG.SUBJECT.eq("broadcast:" + id)))).isEqualTo(1);
    }

    @Test
    void aScheduledBroadcastCancelledBeforeItsTimeIsNeverSent() throws Exception {
        long id = created(alisher, compose("Салом", "Привет", "Salom", "language", "ru"));
        alisher.get("/admin/broadcasts/" + id);
        alisher.post("/admin/broadcasts/" + id + "/send", "version", String.valueOf(version(id)),
                "when", "later", "date", "2026-09-02", "time", "09:00", "zone", "Europe/Moscow");
        assertThat(alisher.location()).endsWith("done=scheduled");
        assertThat(alisher.get("/admin/broadcasts/" + id).body()).contains("id=\"scheduled-at\">2026-09-02 09:00 Europe/Moscow<");
        // A stale form is refused; the current one cancels.
        assertThat(alisher.post("/admin/broadcasts/" + id + "/cancel", "version", "1").statusCode()).isEqualTo(409);
        alisher.get("/admin/broadcasts/" + id);
        assertThat(alisher.post("/admin/broadcasts/" + id + "/cancel", "version", String.valueOf(version(id))).statusCode())
                .isEqualTo(303);
        BroadcastActions.dueJob(admin.database, java.time.Clock.offset(admin.clock, Duration.ofDays(1)), Duration.ofDays(7)).run();
        assertThat(alisher.get("/admin/broadcasts/" + id).body()).contains("data-state=\"cancelled\"")
                .doesNotContain("id=\"send\"").doesNotContain("id=\"cancel\"");
        assertThat(admin.database.dsl().fetchCount(BROADCAST, BROADCAST.ID.eq(id).and(BROADCAST.DELIVERY_MESSAGE_ID.isNotNull())))
                .isZero();
        assertThat(audited("broadcast.cancel", id)).isEqualTo(1);
    }

    @Test
    void aMemberLinksTheirTelegramWithAOneTimeCodeAndGetsATest() throws Exception {
        long chat = nextChat++;
        admin.database.dsl().execute("insert into telegram_user (chat_id, language) values (?, 'ru')", chat);
        long id = created(dilnoza, compose("Салом", "Привет", "Salom"));
        assertThat(dilnoza.get("/admin/broadcasts/" + id).body()).contains("id=\"not-linked\"");
        assertThat(dilnoza.post("/admin/broadcasts/" + id + "/test", "target", "mine").statusCode()).isEqualTo(422);
        dilnoza.get("/admin/account");
        HttpResponse<String> r = dilnoza.post("/admin/account/telegram");
        Matcher m = Pattern.compile("id=\"link-code\">(HW-[A-Z0-9]{4}-[A-Z0-9]{4})<").matcher(r.body());
        assertThat(m.find()).isTrue();
        // What the bot does with the code (the bot's own test sends it through the conversation).
        admin.database.dsl().transaction(c -> assertThat(new StaffLinks(c.dsl()).consume(m.group(1), chat, admin.clock.instant()))
                .isEqualTo(StaffLinks.Linked.LINKED));
        assertThat(dilnoza.get("/admin/account").body()).contains("data-linked=\"true\"").doesNotContain(m.group(1));
        dilnoza.get("/admin/broadcasts/" + id);
        assertThat(dilnoza.post("/admin/broadcasts/" + id + "/test", "target", "mine").statusCode()).isEqualTo(303);
        assertThat(admin.database.dsl().fetchCount(DELIVERY, DELIVERY.CHAT_ID.eq(chat))).isEqualTo(3);
        assertThat(dilnoza.post("/admin/broadcasts/" + id + "/test", "target", "chat", "chat", "123").statusCode()).isEqualTo(422);
        assertThat(audited("broadcast.test", id)).isEqualTo(1);
        dilnoza.get("/admin/account");
        assertThat(dilnoza.post("/admin/account/telegram/unlink").statusCode()).isEqualTo(303);
        assertThat(dilnoza.get("/admin/account").body()).contains("data-linked=\"false\"");
    }
}
