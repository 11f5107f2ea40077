package org.homeward.core.registrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.DEPARTURE_ASSIGNMENT;
import static org.homeward.db.jooq.Tables.REGISTRATION;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.homeward.core.Domain;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Confirming a registration form: the closed set of outcomes the bot and the admin app both rely on. */
class RegistrationsTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static TestDatabase db;
    private static DSLContext dsl;

    @BeforeAll
    static void database() {
        db = TestPostgres.newDatabase();
        dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        dsl.execute("insert into telegram_user (chat_id, language) select g, 'ru' from generate_series(1, 20) g");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Domain domain() {
        return Domain.on(dsl, new RegistrationCodes(new Random(7)));
    }

    private static RegistrationForm form(Long id, String document, String phone) {
        Traveller applicant = new Traveller("Каримов Далер", LocalDate.of(1990, 3, 8), "M", "TJ", "self",
                "passport", document);
        Traveller child = new Traveller("Каримова Зарина", LocalDate.of(2018, 6, 1), "F", null, "child", null, null);
        int place = dsl.fetchSingle("select id from location where code = 'zhibek_zholy'").get(0, Integer.class);
        int destination = dsl.fetchSingle("select id from destination where code = 'tj_sughd'").get(0, Integer.class);
        return new RegistrationForm(id, applicant, phone, place, null, destination, "Истаравшан", List.of(child),
                Set.of("illness"));
    }

    @Test
    void aCompleteFormIsSavedWithANewCodeAndEveryTraveller() {
        var result = domain().registrations().confirm(1, form(null, "A1234001", "+992900000001"), NOW);

        assertThat(result).isInstanceOfSatisfying(Confirmation.Saved.class, saved -> {
            assertThat(saved.created()).isTrue();
            assertThat(saved.code()).matches("[" + RegistrationCodes.ALPHABET + "]{3}-[" + RegistrationCodes.ALPHABET + "]{3}");
            var stored = domain().registrations().form(dsl.fetchSingle(REGISTRATION, REGISTRATION.ID.eq(saved.registrationId())));
            assertThat(stored.travellers()).extracting(Traveller::fullName).containsExactly("Каримов Далер", "Каримова Зарина");
            assertThat(stored.needs()).containsExactly("illness");
        });
    }

    @Test
    void aMissingAnswerIsNamedAndNothingIsSaved() {
        RegistrationForm full = form(null, "A1234002", "+992900000002");
        RegistrationForm noDistrict = new RegistrationForm(null, full.applicant(), full.phone(), full.locationId(),
                null, full.destinationId(), null, full.family(), full.needs());
        int before = dsl.fetchCount(REGISTRATION);

        assertThat(domain().registrations().confirm(2, noDistrict, NOW))
                .isEqualTo(new Confirmation.Incomplete(Field.DISTRICT));
        assertThat(dsl.fetchCount(REGISTRATION)).isEqualTo(before);
    }

    @Test
    void aDocumentTypeWithoutANumberIsIncompleteButNoneNeedsNone() {
        Traveller noNumber = new Traveller("Ali Valiev", LocalDate.of(1985, 1, 1), "M", "UZ", "self", "passport", null);
        Traveller noDocument = new Traveller("Ali Valiev", LocalDate.of(1985, 1, 1), "M", "UZ", "self", "none", null);
        RegistrationForm f = form(null, null, "+992900000003");

        assertThat(new RegistrationForm(null, noNumber, f.phone(), f.locationId(), null, f.destinationId(),
                f.district(), List.of(), Set.of()).firstMissing()).contains(Field.DOCUMENT_NUMBER);
        assertThat(new RegistrationForm(null, noDocument, f.phone(), f.locationId(), null, f.destinationId(),
                f.district(), List.of(), Set.of()).firstMissing()).isEmpty();
    }

    @Test
    void theSameDocumentOrPhoneOnAnotherLiveRegistrationIsADuplicateUntilThatOneIsCancelled() {
        var first = (Confirmation.Saved) domain().registrations().confirm(3, form(null, "A1234004", "+992900000004"), NOW);

        assertThat(domain().registrations().confirm(4, form(null, "A1234004", "+992900000099"), NOW))
                .isInstanceOfSatisfying(Confirmation.Duplicate.class, d -> {
                    assertThat(d.existing().getId()).isEqualTo(first.registrationId());
                    assertThat(d.field()).isEqualTo(Field.DOCUMENT_NUMBER);
                });
        assertThat(domain().registrations().confirm(4, form(null, "A9999004", "+992900000004"), NOW))
                .isInstanceOfSatisfying(Confirmation.Duplicate.class, d -> assertThat(d.field()).isEqualTo(Field.PHONE));

        domain().registrations().cancel(first.registrationId(), NOW);
        assertThat(domain().registrations().confirm(4, form(null, "A1234004", "+992900000004"), NOW))
                .isInstanceOf(Confirmation.Saved.class);
    }

    @Test
    void correctingARegistrationKeepsItsCodeAndIsNotADuplicateOfItself() {
        var saved = (Confirmation.Saved) domain().registrations().confirm(5, form(null, "A1234005", "+992900000005"), NOW);

        var corrected = domain().registrations().confirm(5, form(saved.registrationId(), "A1234005", "+992900000055"), NOW);

        assertThat(corrected).isEqualTo(new Confirmation.Saved(saved.registrationId(), saved.code(), false));
        assertThat(domain().registrations().live(5).orElseThrow().getPhone()).isEqualTo("+992900000055");
    }

    @Test
    void cancellingTakesTheRegistrationOffItsDeparture() {
        var saved = (Confirmation.Saved) domain().registrations().confirm(6, form(null, "A1234006", "+992900000006"), NOW);
        long departure = dsl.fetchSingle("insert into departure (location_id, departs_at, meeting_point_tg, meeting_point_ru,"
                + " meeting_point_uz, seats) select id, now() + interval '1 day', 'x', 'x', 'x', 40 from location"
                + " where code = 'zhibek_zholy' returning id").get(0, Long.class);
        dsl.insertInto(DEPARTURE_ASSIGNMENT).set(DEPARTURE_ASSIGNMENT.REGISTRATION_ID, saved.registrationId())
                .set(DEPARTURE_ASSIGNMENT.DEPARTURE_ID, departure).execute();

        domain().registrations().cancel(saved.registrationId(), NOW);

        assertThat(domain().registrations().live(6)).isEmpty();
        assertThat(domain().departures().assignment(saved.registrationId())).isEmpty();
    }
}
