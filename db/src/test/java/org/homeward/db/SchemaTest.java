package org.homeward.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.homeward.db.jooq.Tables.DESTINATION;
import static org.homeward.db.jooq.Tables.LOCATION;
import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;
import static org.homeward.db.jooq.Tables.TRAVELLER;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homeward.db.enums.DeliveryMessageState;
import org.homeward.db.enums.DeliveryStatus;
import org.homeward.db.enums.DepartureAnswer;
import org.homeward.db.enums.DepartureStatus;
import org.homeward.db.enums.InboxStatus;
import org.homeward.db.enums.ReplyKind;
import org.homeward.db.enums.StaffStatus;
import org.homeward.db.enums.RegistrationStatus;
import org.homeward.db.enums.UnreachableReason;
import org.homeward.db.jooq.tables.records.RegistrationRecord;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.jooq.DSLContext;
import org.jooq.EnumType;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaTest {
    static TestDatabase db;
    static DSLContext dsl;

    @BeforeAll
    static void setUp() {
        db = TestPostgres.newDatabase();
        dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void migrationsApplyToAnEmptyDatabase() {
        try (TestDatabase empty = TestPostgres.newEmptyDatabase()) {
            Database.migrate(empty.dataSource());
            DSLContext fresh = DSL.using(empty.dataSource(), SQLDialect.POSTGRES);
            assertThat(fresh.fetchCount(LOCATION)).isGreaterThanOrEqualTo(10);
            // Migrating again is a no-op.
            Database.migrate(empty.dataSource());
        }
    }

    @Test
    void seedsRealPlacesInAllThreeLanguages() {
        var zhibek = dsl.selectFrom(LOCATION).where(LOCATION.CODE.eq("zhibek_zholy")).fetchSingle();
        assertThat(zhibek.getKind()).isEqualTo("border_crossing");
        assertThat(zhibek.getNameTg()).contains("Жибек");
        assertThat(zhibek.getTimeZone()).isEqualTo("Asia/Almaty");
        assertThat(dsl.fetchValue(DSL.select(DSL.count()).from(LOCATION).where(LOCATION.CODE.in("almaty", "shymkent", "moscow"))))
                .isEqualTo(3);

        assertThat(dsl.select(DESTINATION.CODE).from(DESTINATION).where(DESTINATION.COUNTRY.eq("TJ")).fetch(DESTINATION.CODE))
                .containsExactlyInAnyOrder("tj_dushanbe", "tj_sughd", "tj_khatlon", "tj_drs", "tj_gbao");
        // Uzbek names use the modifier letter turned comma (U+02BB) in oʻ and gʻ, never an apostrophe.
        assertThat(dsl.select(DESTINATION.NAME_UZ).from(DESTINATION).fetch(DESTINATION.NAME_UZ))
                .noneMatch(name -> name.contains("'") || name.contains("’"))
                .anyMatch(name -> name.contains("ʻ"));
    }

    @Test
    void registrationWithFamilyRoundTripsThroughGeneratedClasses() {
        Instant consentAt = Instant.parse("2026-11-01T10:15:30Z");
        dsl.insertInto(TELEGRAM_USER)
                .set(TELEGRAM_USER.CHAT_ID, 1001L)
                .set(TELEGRAM_USER.LANGUAGE, "tg")
                .set(TELEGRAM_USER.CONSENT_VERSION, 1)
                .set(TELEGRAM_USER.CONSENT_AT, consentAt)
                .execute();
        Integer almaty = dsl.select(LOCATION.ID).from(LOCATION).where(LOCATION.CODE.eq("almaty")).fetchSingle().value1();
        Integer sughd = dsl.select(DESTINATION.ID).from(DESTINATION).where(DESTINATION.CODE.eq("tj_sughd")).fetchSingle().value1();

        RegistrationRecord registration = dsl.newRecord(REGISTRATION)
                .setChatId(1001L)
                .setPhone("+992901234567")
                .setLocationId(almaty)
                .setDestinationId(sughd)
                .setDestinationDistrict("Истаравшан")
                .setNeeds(new String[] {"pregnancy", "no_shelter"});
        registration.store();
        dsl.insertInto(TRAVELLER)
                .set(TRAVELLER.REGISTRATION_ID, registration.getId())
                .set(TRAVELLER.POSITION, 0)
                .set(TRAVELLER.RELATION, "self")
                .set(TRAVELLER.FULL_NAME, "Раҳимов Ҷамшед")
                .set(TRAVELLER.BIRTH_DATE, LocalDate.of(1990, 3, 8))
                .set(TRAVELLER.SEX, "M")
                .set(TRAVELLER.CITIZENSHIP, "TJ")
                .set(TRAVELLER.DOCUMENT_TYPE, "passport")
                .set(TRAVELLER.DOCUMENT_NUMBER, "A1234567")
                .execute();
        dsl.insertInto(TRAVELLER)
                .set(TRAVELLER.REGISTRATION_ID, registration.getId())
                .set(TRAVELLER.POSITION, 1)
                .set(TRAVELLER.RELATION, "child")
                .set(TRAVELLER.FULL_NAME, "Раҳимова Зарина")
                .set(TRAVELLER.BIRTH_DATE, LocalDate.of(2018, 6, 1))
                .set(TRAVELLER.SEX, "F")
                .set(TRAVELLER.DOCUMENT_TYPE, "none")
                .execute();

        var user = dsl.selectFrom(TELEGRAM_USER).where(TELEGRAM_USER.CHAT_ID.eq(1001L)).fetchSingle();
        assertThat(user.getConsentAt()).isEqualTo(consentAt);
        var stored = dsl.selectFrom(REGISTRATION).where(REGISTRATION.ID.eq(registration.getId())).fetchSingle();
        assertThat(stored.getStatus()).isEqualTo(RegistrationStatus.DRAFT);
        assertThat(stored.getNeeds()).containsExactly("pregnancy", "no_shelter");
        assertThat(stored.getCreatedAt()).isNotNull();
        assertThat(dsl.select(TRAVELLER.FULL_NAME).from(TRAVELLER)
                        .where(TRAVELLER.REGISTRATION_ID.eq(registration.getId()))
                        .orderBy(TRAVELLER.POSITION)
                        .fetch(TRAVELLER.FULL_NAME))
                .containsExactly("Раҳимов Ҷамшед", "Раҳимова Зарина");

        // The same document cannot be registered twice.
        RegistrationRecord second = dsl.newRecord(REGISTRATION).setChatId(1001L);
        second.store();
        assertThatThrownBy(() -> dsl.insertInto(TRAVELLER)
                        .set(TRAVELLER.REGISTRATION_ID, second.getId())
                        .set(TRAVELLER.POSITION, 0)
                        .set(TRAVELLER.RELATION, "self")
                        .set(TRAVELLER.FULL_NAME, "Someone Else")
                        .set(TRAVELLER.DOCUMENT_TYPE, "passport")
                        .set(TRAVELLER.DOCUMENT_NUMBER, "A1234567")
                        .execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("traveller_document_uq");

        // Deleting the person removes their registrations and travellers with them.
        dsl.deleteFrom(TELEGRAM_USER).where(TELEGRAM_USER.CHAT_ID.eq(1001L)).execute();
        assertThat(dsl.fetchCount(REGISTRATION)).isZero();
        assertThat(dsl.fetchCount(TRAVELLER)).isZero();
    }

    @Test
    void statusEnumsHoldExactlyTheValuesTheirCheckConstraintsAllow() {
        Map<String, EnumType[]> columns = new LinkedHashMap<>();
        columns.put("registration.status", RegistrationStatus.values());
        columns.put("registration.staff_status", StaffStatus.values());
        columns.put("delivery.status", DeliveryStatus.values());
        columns.put("delivery_message.state", DeliveryMessageState.values());
        columns.put("departure.status", DepartureStatus.values());
        columns.put("inbox.status", InboxStatus.values());
        columns.put("reply.kind", ReplyKind.values());
        columns.put("departure_assignment.answer", DepartureAnswer.values());
        columns.put("telegram_user.unreachable_reason", UnreachableReason.values());
        columns.forEach((column, values) -> {
            String table = column.substring(0, column.indexOf('.'));
            // A column's own check constraint gets PostgreSQL's default name, table_column_check.
            Object definition = dsl.fetchValue(
                    "select pg_get_constraintdef(oid) from pg_constraint where conrelid = ?::regclass and conname = ?",
                    table, column.replace('.', '_') + "_check");
            assertThat(definition).as("check constraint of %s", column).isNotNull();
            Matcher quoted = Pattern.compile("'([^']*)'::text").matcher(definition.toString());
            List<String> allowed = new ArrayList<>();
            while (quoted.find()) {
                allowed.add(quoted.group(1));
            }
            assertThat(Arrays.stream(values).map(EnumType::getLiteral))
                    .as("%s, whose check is %s", column, definition)
                    .containsExactlyInAnyOrderElementsOf(allowed);
        });
    }

    @Test
    void constraintsRejectMalformedData() {
        dsl.insertInto(TELEGRAM_USER).set(TELEGRAM_USER.CHAT_ID, 2002L).execute();
        assertThatThrownBy(() -> dsl.update(TELEGRAM_USER).set(TELEGRAM_USER.LANGUAGE, "en")
                        .where(TELEGRAM_USER.CHAT_ID.eq(2002L)).execute())
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> dsl.insertInto(REGISTRATION)
                        .set(REGISTRATION.CHAT_ID, 2002L)
                        .set(REGISTRATION.PHONE, "0901234567")
                        .execute())
                .isInstanceOf(DataAccessException.class);
        // Consent version and time come together.
        assertThatThrownBy(() -> dsl.update(TELEGRAM_USER).set(TELEGRAM_USER.CONSENT_VERSION, 1)
                        .where(TELEGRAM_USER.CHAT_ID.eq(2002L)).execute())
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void eachTestDatabaseIsSeparate() {
        try (TestDatabase other = TestPostgres.newDatabase()) {
            DSLContext otherDsl = DSL.using(other.dataSource(), SQLDialect.POSTGRES);
            otherDsl.insertInto(TELEGRAM_USER).set(TELEGRAM_USER.CHAT_ID, 3003L).execute();
            assertThat(dsl.fetchCount(TELEGRAM_USER, TELEGRAM_USER.CHAT_ID.eq(3003L))).isZero();
        }
    }
}
