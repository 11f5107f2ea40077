package org.homeward.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.AUDIT_LOG;
import static org.homeward.db.jooq.Tables.CONVERSATION;
import static org.homeward.db.jooq.Tables.DEPARTURE;
import static org.homeward.db.jooq.Tables.OPERATION_SETTINGS;
import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.REGISTRATION_EVENT;
import static org.homeward.db.jooq.Tables.RETENTION_STATS;
import static org.homeward.db.jooq.Tables.STAFF_ACCOUNT;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;
import static org.homeward.db.jooq.Tables.TRAVELLER;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.homeward.core.Domain;
import org.homeward.core.audit.AuditChain;
import org.homeward.core.departures.StaffDepartures;
import org.homeward.core.departures.StaffDepartures.Plan;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.registrations.Confirmation;
import org.homeward.core.registrations.RegistrationCodes;
import org.homeward.core.registrations.RegistrationForm;
import org.homeward.core.registrations.Staff;
import org.homeward.core.registrations.StaffChanges;
import org.homeward.core.registrations.Traveller;
import org.homeward.db.enums.StaffStatus;
import org.homeward.db.jooq.tables.records.AuditLogRecord;
import org.homeward.i18n.Language;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The retention rule on a real PostgreSQL with a fixed clock: with 6 months, what departed or was cancelled over
 * 6 calendar months ago goes with everything hanging off it, and nothing else does; counts and one audit entry per
 * run remain, and a second run deletes nothing more.
 */
@Tag("slow")
class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");
    private static final Outbox OUTBOX = new Outbox();
    private final RegistrationCodes codes = new RegistrationCodes(new Random(5));
    private TestDatabase db;
    private DSLContext dsl;
    private Staff staff;
    private long nextChat = 500;
    private int nextDocument = 3000;

    @BeforeEach
    void database() {
        db = TestPostgres.newDatabase();
        dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        long account = dsl.insertInto(STAFF_ACCOUNT).set(STAFF_ACCOUNT.EMAIL, "staff@example.org")
                .set(STAFF_ACCOUNT.ROLE, "staff").set(STAFF_ACCOUNT.CREATED_AT, NOW).set(STAFF_ACCOUNT.UPDATED_AT, NOW)
                .returning(STAFF_ACCOUNT.ID).fetchSingle().getId();
        staff = new Staff(account, "staff@example.org");
        assertThat(dsl.fetchValue(OPERATION_SETTINGS.RETENTION_MONTHS)).isEqualTo(6);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Instant at(String iso) {
        return Instant.parse(iso + "T12:00:00Z");
    }

    private int id(String table, String code) {
        return dsl.fetchSingle("select id from " + table + " where code = ?", code).get(0, Integer.class);
    }

    /** A confirmed registration of a new chat (or {@code chat}) with {@code children}, confirmed at {@code at}. */
    private long register(Long chat, Instant at, int children) {
        long c = chat == null ? nextChat++ : chat;
        String doc = "RT" + (nextDocument++);
        return dsl.transactionResult(t -> {
            Domain d = Domain.on(t.dsl(), codes);
            d.people().touch(c, at);
            d.people().setLanguage(c, Language.TG);
            List<Traveller> kids = new ArrayList<>();
            for (int i = 0; i < children; i++) {
                kids.add(new Traveller("Каримова Зарина", LocalDate.of(2018, 6, 1), "F", null, "child", null, null));
            }
            var form = new RegistrationForm(null, new Traveller("Каримов Далер", LocalDate.of(1990, 3, 8), "M", "TJ",
                    "self", "passport", doc), "+9929100" + (nextDocument - 1), id("location", "shymkent"), null,
                    id("destination", "tj_sughd"), "Истаравшан", kids, Set.of());
            if (!(d.registrations().confirm(c, form, at) instanceof Confirmation.Saved saved)) {
                throw new IllegalStateException("not saved");
            }
            return saved.registrationId();
        });
    }

    private long chatOf(long registration) {
        return dsl.fetchValue(REGISTRATION.CHAT_ID, REGISTRATION.ID.eq(registration));
    }

    private int version(long registration) {
        return dsl.fetchValue(REGISTRATION.VERSION, REGISTRATION.ID.eq(registration));
    }

    private void move(long registration, StaffStatus to, Instant at) {
        var outcome = dsl.transactionResult(t -> new StaffChanges(t.dsl()).move(registration, version(registration), to,
                to == StaffStatus.CANCELLED ? "уехал сам" : null, staff, at));
        assertThat(outcome).isInstanceOf(StaffChanges.Outcome.Done.class);
    }

    /** Assigned to a bus leaving on {@code leaves} (assigned a week before). */
    private void assign(long registration, Instant leaves) {
        Instant assignedAt = leaves.minusSeconds(7 * 86400);
        var d = new StaffDepartures(dsl, OUTBOX);
        long bus = d.create(new Plan(id("location", "shymkent"), List.of(),
                LocalDateTime.ofInstant(leaves, ZoneOffset.ofHours(5)), "назди дарвоза", "у ворот", "darvoza oldida",
                null, null, 40, null, null, null), assignedAt);
        assertThat(d.assign(bus, List.of(registration), assignedAt)).isInstanceOf(StaffDepartures.Assignment.Done.class);
    }

    private void departed(long registration, Instant leaves) {
        assign(registration, leaves);
        move(registration, StaffStatus.DEPARTED, leaves.plusSeconds(3600));
    }

    private boolean exists(long registration) {
        return dsl.fetchExists(REGISTRATION, REGISTRATION.ID.eq(registration));
    }

    private Retention retention(int batch) {
        return new Retention(dsl, Clock.fixed(NOW, ZoneOffset.UTC), batch);
    }

    @Test
    void deletesWhatDepartedOrWasCancelledOverTheRetentionPeriodAgoAndNothingElse() {
        long departedLongAgo = register(null, at("2026-03-01"), 2); // 3 travellers
        departed(departedLongAgo, at("2026-04-30"));
        dsl.transaction(t -> new StaffChanges(t.dsl()).note(departedLongAgo, "звонил брат", staff, at("2026-05-02")));
        long departedRecently = register(null, at("2026-05-01"), 0);
        departed(departedRecently, at("2026-06-02")); // 5 months and 29 days ago
        long cancelledByPerson = register(null, at("2026-03-01"), 1); // 2 travellers
        dsl.transaction(t -> Domain.on(t.dsl(), codes).registrations().cancel(cancelledByPerson, at("2026-05-15")));
        long cancelledByStaff = register(null, at("2026-03-01"), 0);
        move(cancelledByStaff, StaffStatus.CANCELLED, at("2026-05-31"));
        long cancelledRecently = register(null, at("2026-03-01"), 0);
        move(cancelledRecently, StaffStatus.CANCELLED, at("2026-06-01").plusSeconds(3600 * 12));
        // Registered long ago and never moved on: live, kept however old.
        long live = register(null, at("2025-01-10"), 0);
        long assigned = register(null, at("2025-02-10"), 0);
        assign(assigned, at("2025-03-01"));
        // Marked departed by plain SQL, with no history: its bus's time counts.
        long departedBySql = register(null, at("2026-01-01"), 0);
        assign(departedBySql, at("2026-02-01"));
        dsl.update(REGISTRATION).set(REGISTRATION.STAFF_STATUS, StaffStatus.DEPARTED).where(REGISTRATION.ID.eq(departedBySql)).execute();
        // The same chat as a deleted one registered again later: that registration and the chat stay.
        long chat = chatOf(cancelledByPerson);
        long again = register(chat, at("2026-06-10"), 0);
        // The chat of the departed one is looking at its data from "My data": that draft copy goes too.
        long departedChat = chatOf(departedLongAgo);
        dsl.insertInto(CONVERSATION).set(CONVERSATION.CHAT_ID, departedChat).set(CONVERSATION.STATE, "MYDATA")
                .set(CONVERSATION.DRAFT, JSONB.valueOf("{\"registrationId\":" + departedLongAgo
                        + ",\"applicant\":{\"fullName\":\"Каримов Далер\"}}")).execute();
        dsl.insertInto(CONVERSATION).set(CONVERSATION.CHAT_ID, chatOf(live)).set(CONVERSATION.STATE, "MYDATA")
                .set(CONVERSATION.DRAFT, JSONB.valueOf("{\"registrationId\":" + live + "}")).execute();
        int departures = dsl.fetchCount(DEPARTURE);
        int auditBefore = dsl.fetchCount(AUDIT_LOG);

        Retention.Run run = retention(2).run(); // small batches: the loop is exercised

        assertThat(run).isEqualTo(new Retention.Run(2, 4, 2, 3, 0));
        assertThat(exists(departedLongAgo)).isFalse();
        assertThat(exists(departedBySql)).isFalse();
        assertThat(exists(cancelledByPerson)).isFalse();
        assertThat(exists(cancelledByStaff)).isFalse();
        assertThat(List.of(departedRecently, cancelledRecently, live, assigned, again)).allMatch(this::exists);
        // Everything hanging off a deleted registration went with it.
        for (long gone : List.of(departedLongAgo, cancelledByPerson)) {
            assertThat(dsl.fetchCount(TRAVELLER, TRAVELLER.REGISTRATION_ID.eq(gone))).isZero();
            assertThat(dsl.fetchCount(REGISTRATION_EVENT, REGISTRATION_EVENT.REGISTRATION_ID.eq(gone))).isZero();
            assertThat(dsl.fetchCount(DSL.table("departure_assignment"), DSL.field("registration_id").eq(gone))).isZero();
        }
        // Chats stay (language, consent); departures stay.
        assertThat(dsl.fetchExists(TELEGRAM_USER, TELEGRAM_USER.CHAT_ID.eq(departedChat))).isTrue();
        assertThat(dsl.fetchExists(TELEGRAM_USER, TELEGRAM_USER.CHAT_ID.eq(chat))).isTrue();
        assertThat(dsl.fetchCount(DEPARTURE)).isEqualTo(departures);
        var conversation = dsl.selectFrom(CONVERSATION).where(CONVERSATION.CHAT_ID.eq(departedChat)).fetchSingle();
        assertThat(conversation.getState()).isEqualTo("MENU");
        assertThat(conversation.getDraft().data()).doesNotContain("Каримов").doesNotContain("registrationId");
        assertThat(dsl.fetchValue(CONVERSATION.STATE, CONVERSATION.CHAT_ID.eq(chatOf(live)))).isEqualTo("MYDATA");

        // Anonymous counts for the day, and one audit entry with counts only, by the system, chained.
        assertThat(Retention.counts(dsl, 10)).containsExactly(
                new Retention.DayCount(LocalDate.of(2026, 12, 1), "cancelled", 2, 3),
                new Retention.DayCount(LocalDate.of(2026, 12, 1), "departed", 2, 4));
        List<AuditLogRecord> entries = dsl.selectFrom(AUDIT_LOG).orderBy(AUDIT_LOG.ID).fetch();
        assertThat(entries).hasSize(auditBefore + 1);
        AuditLogRecord entry = entries.getLast();
        assertThat(entry.getAction()).isEqualTo("retention.run");
        assertThat(entry.getActorEmail()).isEqualTo(AuditChain.SYSTEM);
        assertThat(entry.getActorId()).isNull();
        assertThat(entry.getDetail()).startsWith("departed: 2 registrations, 4 travellers; cancelled: 2 registrations, 3 travellers")
                .doesNotContain("Каримов").doesNotContain("RT30");
        assertChainHolds();

        // Again: nothing more, the counts unchanged, one more audit entry saying so.
        assertThat(retention(500).run()).isEqualTo(new Retention.Run(0, 0, 0, 0, 0));
        assertThat(dsl.fetchCount(REGISTRATION)).isEqualTo(5);
        assertThat(dsl.selectFrom(RETENTION_STATS).fetch()).hasSize(2);
        assertThat(dsl.fetchSingle(RETENTION_STATS, RETENTION_STATS.REASON.eq("departed")).getRegistrations()).isEqualTo(2);
        assertThat(dsl.fetchCount(AUDIT_LOG)).isEqualTo(auditBefore + 2);
        assertChainHolds();
    }

    @Test
    void theRetentionPeriodIsTheSettingInCalendarMonths() {
        long departed = register(null, at("2026-01-01"), 0);
        departed(departed, at("2026-08-31")); // 3 months ago on 1 December, counting by the calendar
        dsl.update(OPERATION_SETTINGS).set(OPERATION_SETTINGS.RETENTION_MONTHS, 4).execute();
        assertThat(retention(500).run().registrations()).isZero();
        dsl.update(OPERATION_SETTINGS).set(OPERATION_SETTINGS.RETENTION_MONTHS, 3).execute();
        assertThat(retention(500).run().registrations()).isEqualTo(1);
        assertThat(Retention.cutoff(Instant.parse("2026-03-31T00:00:00Z"), 1)).isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
    }

    @Test
    void failedUpdatesKeepTheirPayloadOnlyForTheRetentionPeriod() {
        dsl.execute("insert into inbox (update_id, chat_id, payload, status, received_at, handled_at, error) values"
                + " (1, 7, '{\"message\":{\"text\":\"AB123456\"}}', 'failed', ?::timestamptz, ?::timestamptz, 'IllegalStateException'),"
                + " (2, 7, '{\"message\":{\"text\":\"later\"}}', 'failed', ?::timestamptz, ?::timestamptz, 'IllegalStateException')",
                at("2026-05-01"), at("2026-05-01"), at("2026-07-01"), at("2026-07-01"));
        assertThat(retention(500).run().failedUpdatesCleared()).isEqualTo(1);
        assertThat(dsl.fetch("select update_id from inbox where payload is null").getValues(0, Long.class))
                .containsExactly(1L);
    }

    /** The audit chain checks from the first entry, as the admin app's check does. */
    private void assertChainHolds() {
        byte[] prev = AuditChain.GENESIS;
        for (AuditLogRecord r : dsl.selectFrom(AUDIT_LOG).orderBy(AUDIT_LOG.ID).fetch()) {
            assertThat(r.getPrevHash()).isEqualTo(prev);
            assertThat(Arrays.equals(r.getHash(), AuditChain.hash(r.getPrevHash(), r.getAt(), r.getActorId(),
                    r.getActorEmail(), r.getAction(), r.getSubject(), r.getDetail(), r.getAddress()))).isTrue();
            prev = r.getHash();
        }
    }
}
