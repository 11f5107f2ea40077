package org.homeward.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.bot.conversation.Talk.assertSays;
import static org.homeward.bot.conversation.Talk.texts;
import static org.homeward.db.jooq.Tables.AUDIT_LOG;
import static org.homeward.db.jooq.Tables.DESTINATION;
import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.STAFF_ACCOUNT;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;
import static org.homeward.db.jooq.Tables.TRAVELLER;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homeward.bot.testing.BotFixture;
import org.homeward.core.departures.StaffDepartures;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.registrations.Staff;
import org.homeward.core.registrations.StaffChanges;
import org.homeward.core.retention.Retention;
import org.homeward.db.Database;
import org.homeward.db.enums.StaffStatus;
import org.homeward.db.jooq.tables.records.RegistrationRecord;
import org.homeward.i18n.Language;
import org.homeward.testkit.MutableClock;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Retention end to end, through the fake Bot API with a test clock: people register through the real bot, staff
 * mark one departed and one cancelled (through the core), the clock moves past the retention period, the retention
 * job's body runs: their data is gone while another person's stays, and the person writing to the bot afterwards is
 * answered sensibly and can register again with the same document.
 */
@Tag("slow")
class RetentionEndToEndTest {
    private static final Pattern CODE = Pattern.compile("[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}");

    private static int destination(DSLContext dsl, String code) {
        return dsl.select(DESTINATION.ID).from(DESTINATION).where(DESTINATION.CODE.eq(code)).fetchSingle().value1();
    }

    /** A whole registration with no family, through buttons and typed answers; its code. */
    private static String register(Talk t, DSLContext dsl, String name, String document, String phone) {
        assertSays(t.tap("btn.menu.register"), t.t("reg.name.ask"));
        assertSays(t.say(name), t.t("reg.birth.ask"));
        assertSays(t.say("08.03.1990"), t.t("reg.sex.ask"));
        assertSays(t.press("btn.sex.M"), t.t("reg.citizenship.ask"));
        assertSays(t.press("btn.citizenship.TJ"), t.t("reg.doc_type.ask"));
        assertSays(t.press("btn.doc.passport"), t.t("reg.doc_number.ask"));
        assertSays(t.say(document), t.t("reg.phone.ask", "citizenship", "TJ"));
        t.person.contact(phone.substring(1), t.person.id);
        assertSays(t.replies(), t.t("reg.location.ask"));
        t.person.location(41.39, 69.18); // by the Zhibek Zholy crossing
        assertSays(t.replies(), t.t("reg.destination.ask"));
        t.pressData("REG_DESTINATION:" + destination(dsl, "tj_sughd"));
        assertSays(t.say("Истаравшан"), t.t("reg.family.ask", "count", 0));
        assertSays(t.press("btn.family.alone"), t.t("reg.needs.ask"));
        t.press("btn.done");
        String done = texts(t.press("btn.confirm"));
        Matcher m = CODE.matcher(done);
        assertThat(m.find()).as(done).isTrue();
        return m.group();
    }

    private static Talk greeted(Talk.Driver driver, BotFixture fixture, Language language) {
        Talk t = new Talk(driver, fixture.bot().newUser("Ret", language.code()), language);
        t.say("/start");
        t.pressData("LANGUAGE:" + language.code());
        assertSays(t.press("btn.consent.agree"), t.t("consent.thanks"));
        return t;
    }

    @Test
    void departedAndCancelledDataIsDeletedAfterTheRetentionPeriodAndThePersonCanRegisterAgain() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
        try (BotFixture fixture = BotFixture.start()) {
            Database db = fixture.database();
            DSLContext dsl = db.dsl();
            var driver = new Talk.Driver(fixture, fixture.conversation(clock));
            Talk leaves = greeted(driver, fixture, Language.TG);
            Talk cancels = greeted(driver, fixture, Language.UZ);
            Talk waits = greeted(driver, fixture, Language.RU);
            String leavesCode = register(leaves, dsl, "Раҳимов Ҷамшед", "A1234567", "+992901234501");
            String cancelsCode = register(cancels, dsl, "Xolmatov Aziz", "B7654321", "+992901234502");
            String waitsCode = register(waits, dsl, "Назаров Далер", "C1112223", "+992901234503");

            // Staff put the first on a bus that leaves, and cancel the second (through the core, as the admin app does).
            long account = dsl.insertInto(STAFF_ACCOUNT).set(STAFF_ACCOUNT.EMAIL, "staff@example.org")
                    .set(STAFF_ACCOUNT.ROLE, "staff").set(STAFF_ACCOUNT.CREATED_AT, clock.instant())
                    .set(STAFF_ACCOUNT.UPDATED_AT, clock.instant()).returning(STAFF_ACCOUNT.ID).fetchSingle().getId();
            Staff staff = new Staff(account, "staff@example.org");
            RegistrationRecord leaving = dsl.fetchSingle(REGISTRATION, REGISTRATION.CODE.eq(leavesCode));
            RegistrationRecord cancelled = dsl.fetchSingle(REGISTRATION, REGISTRATION.CODE.eq(cancelsCode));
            dsl.transaction(c -> {
                var departures = new StaffDepartures(c.dsl(), new Outbox());
                long bus = departures.create(new StaffDepartures.Plan(leaving.getLocationId(), List.of(),
                        LocalDateTime.of(2026, 3, 10, 7, 30), "назди дарвоза", "у ворот", "darvoza oldida",
                        null, null, 40, null, null, null), clock.instant());
                assertThat(departures.assign(bus, List.of(leaving.getId()), clock.instant()))
                        .isInstanceOf(StaffDepartures.Assignment.Done.class);
            });
            clock.advance(Duration.ofDays(9));
            move(dsl, leaving.getId(), StaffStatus.DEPARTED, staff, clock.instant());
            move(dsl, cancelled.getId(), StaffStatus.CANCELLED, staff, clock.instant());

            // Five months later nothing is due (retention is 6 months); seven months later both are.
            clock.advance(Duration.ofDays(31 * 5));
            assertThat(new Retention(dsl, clock).run().registrations()).isZero();
            clock.advance(Duration.ofDays(31 * 2));
            Retention.Run run = new Retention(dsl, clock).run();
            assertThat(run.departedRegistrations()).isEqualTo(1);
            assertThat(run.cancelledRegistrations()).isEqualTo(1);

            assertThat(dsl.fetchExists(REGISTRATION, REGISTRATION.CODE.in(leavesCode, cancelsCode))).isFalse();
            assertThat(dsl.fetchExists(TRAVELLER, TRAVELLER.DOCUMENT_NUMBER.in("A1234567", "B7654321"))).isFalse();
            // The other person's data stays whole; every chat stays (language, consent), holding no registration.
            RegistrationRecord kept = dsl.fetchSingle(REGISTRATION, REGISTRATION.CODE.eq(waitsCode));
            assertThat(dsl.fetchCount(TRAVELLER, TRAVELLER.REGISTRATION_ID.eq(kept.getId()))).isEqualTo(1);
            assertThat(dsl.fetchCount(TELEGRAM_USER)).isEqualTo(3);
            assertThat(dsl.fetchExists(AUDIT_LOG, AUDIT_LOG.ACTION.eq("retention.run")
                    .and(AUDIT_LOG.DETAIL.startsWith("departed: 1 registrations, 1 travellers; cancelled: 1 registrations, 1 travellers")))).isTrue();

            // The person who left writes again: no registration of theirs is shown, and they can register anew.
            var r = leaves.tap("btn.menu.departure");
            assertThat(texts(r)).isNotBlank().doesNotContain(leavesCode);
            String again = register(leaves, dsl, "Раҳимов Ҷамшед", "A1234567", "+992901234501");
            assertThat(again).isNotEqualTo(leavesCode);
            assertThat(dsl.fetchSingle(REGISTRATION, REGISTRATION.CODE.eq(again)).getChatId()).isEqualTo(leaves.person.id);
        }
    }

    private static void move(DSLContext dsl, long id, StaffStatus to, Staff staff, Instant now) {
        var outcome = dsl.transactionResult(c -> {
            int version = c.dsl().fetchValue(REGISTRATION.VERSION, REGISTRATION.ID.eq(id));
            return new StaffChanges(c.dsl()).move(id, version, to, to == StaffStatus.CANCELLED ? "left by himself" : null,
                    staff, now);
        });
        assertThat(outcome).isInstanceOf(StaffChanges.Outcome.Done.class);
    }
}
