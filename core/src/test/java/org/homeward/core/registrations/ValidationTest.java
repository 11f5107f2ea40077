package org.homeward.core.registrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "08.03.1990   | 1990-03-08",
            "8.3.1990     | 1990-03-08",
            "08/03/1990   | 1990-03-08",
            "08-03-1990   | 1990-03-08",
            "08 03 1990   | 1990-03-08",
            "08.03.90     | 1990-03-08",
            "01.06.18     | 2018-06-01",
            "08031990     | 1990-03-08",
            "1990-03-08   | 1990-03-08",
            "22.11.2026   | 2026-11-22",
            "29.02.2024   | 2024-02-29"})
    void acceptsCommonDateSpellings(String typed, LocalDate expected) {
        assertThat(Validation.birthDate(typed, TODAY).accepted()).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "вчера", "31.02.1990", "29.02.2023", "23.11.2026", "01.01.2099", "21.11.1906",
            "00.01.1990", "1990", "12.1990", "08.03.1990 12:00"})
    void rejectsImpossibleFutureAndTooOldDates(String typed) {
        assertThat(Validation.birthDate(typed, TODAY).accepted()).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "23.11.2026   | IN_FUTURE",
            "01.01.2099   | IN_FUTURE",
            "21.11.1906   | TOO_OLD",
            "31.02.1990   | NOT_A_DATE",
            "вчера        | NOT_A_DATE"})
    void aRefusedDateSaysWhy(String typed, Validation.Problem problem) {
        assertThat(Validation.birthDate(typed, TODAY)).isEqualTo(new Validation.Checked.Invalid<>(problem));
    }

    @Test
    void everyDayOfTheLast120YearsRoundTripsThroughDdMmYyyy() {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            LocalDate date = TODAY.minusDays(random.nextInt(120 * 365));
            String typed = String.format("%02d.%02d.%d", date.getDayOfMonth(), date.getMonthValue(), date.getYear());
            assertThat(Validation.birthDate(typed, TODAY).accepted()).as(typed).contains(date);
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "a 1234567     | A1234567",
            "А1234567      | A1234567", // Cyrillic А from a Russian keyboard
            "40-12-34567   | 401234567",
            "№ ab.1234     | AB1234",
            "ХС 987654     | XC987654"})
    void normalisesDocumentNumbers(String typed, String expected) {
        assertThat(Validation.documentNumber(typed).accepted()).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AB1", "A#12345", "ЖЖ12345", "123456789012345678901"})
    void rejectsBadDocumentNumbers(String typed) {
        assertThat(Validation.documentNumber(typed).accepted()).isEmpty();
    }

    @Test
    void aMaskShowsOnlyTheLastThreeCharacters() {
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            StringBuilder number = new StringBuilder();
            int length = 4 + random.nextInt(17);
            for (int j = 0; j < length; j++) {
                number.append("ABCDEFGHJKLMNOPQRSTUVWXYZ0123456789".charAt(random.nextInt(35)));
            }
            String masked = Validation.mask(number.toString());
            String shown = masked.replace("•", "");
            // At most the last three characters and never more than half; a dot per hidden character, at most five.
            assertThat(number.toString()).endsWith(shown);
            assertThat(shown.length()).isLessThanOrEqualTo(Math.min(3, length / 2));
            assertThat(masked).startsWith("•".repeat(Math.min(5, length - shown.length())));
            assertThat(masked.length() - shown.length()).isLessThanOrEqualTo(length - shown.length());
            if (length >= 8) {
                assertThat(masked).startsWith("•••••").endsWith(number.substring(length - 3)).hasSize(8);
                assertThat(shown).hasSize(3);
            }
        }
        assertThat(Validation.mask("AB12")).isEqualTo("••12");
        assertThat(Validation.mask("AB123")).isEqualTo("•••23");
        assertThat(Validation.mask("AB1234")).isEqualTo("•••234");
    }

    @ParameterizedTest(name = "{0} ({1}) → {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "+992 90 123 45 67  | -  | +992901234567",
            "992901234567       | UZ | +992901234567",
            "901234567          | TJ | +992901234567",
            "90 123 45 67       | UZ | +998901234567",
            "+998 90 123 45 67  | TJ | +998901234567",
            "8 (916) 123-45-67  | TJ | +79161234567",
            "0079161234567      | -  | +79161234567",
            "+7 701 123 4567    | UZ | +77011234567"})
    void normalisesPhones(String typed, String citizenship, String expected) {
        assertThat(Validation.phone(typed, citizenship).accepted()).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "+12", "телефон", "+992 90 123 45 67 89 10 11", "+99+2901234567", "0901234567"})
    void rejectsBadPhones(String typed) {
        assertThat(Validation.phone(typed, "TJ").accepted()).isEmpty();
    }

    /**
     * Tajik and Uzbek mobile numbers are both 9 digits: without a citizenship that tells the code, such a number is
     * refused rather than guessed; and a number too short to hold any code (a Russian one without its 8) never
     * becomes a number of another country.
     */
    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "901234567          | -",
            "901234567          | XX",
            "90 123 45 67       | KZ",
            "012345678          | TJ",
            "916 123 45 67      | TJ",
            "9161234567         | UZ"})
    void refusesANumberWhoseCountryCodeCannotBeTold(String typed, String citizenship) {
        assertThat(Validation.phone(typed, citizenship).accepted()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Раҳимов Ҷамшед", "Oʻrinboyev Gʻayrat", "Иванов-Петров Иван", "O'Neil Anna", "Ли Мин"})
    void acceptsNames(String typed) {
        assertThat(Validation.fullName(typed).accepted()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "12345", "Иван 2", "/start", "- -", "Ли", "Иванов-Петров"})
    void rejectsNonNames(String typed) {
        assertThat(Validation.fullName(typed).accepted()).isEmpty();
    }

    @Test
    void aRefusedNameSaysWhy() {
        assertThat(Validation.fullName("Ҷамшед")).isEqualTo(new Validation.Checked.Invalid<>(Validation.Problem.ONE_WORD));
        assertThat(Validation.fullName("  Ли  ")).isEqualTo(new Validation.Checked.Invalid<>(Validation.Problem.ONE_WORD));
        // Letters only, but far too long: told it is too long, not that it is not letters.
        assertThat(Validation.fullName("Абдуллоев Ҷамшед ".repeat(30)))
                .isEqualTo(new Validation.Checked.Invalid<>(Validation.Problem.TOO_LONG));
        assertThat(Validation.fullName("Иван 2")).isEqualTo(new Validation.Checked.Invalid<>(Validation.Problem.NOT_LETTERS));
        assertThat(Validation.fullName(" Раҳимов   Ҷамшед ")).isEqualTo(new Validation.Checked.Valid<>("Раҳимов Ҷамшед"));
        assertThat(Validation.place("Туркестан ".repeat(20))).isEqualTo(new Validation.Checked.Invalid<>(Validation.Problem.TOO_LONG));
        assertThat(Validation.phone("телефон")).isEqualTo(new Validation.Checked.Invalid<>(Validation.Problem.NOT_A_PHONE));
    }

    @Test
    void distanceIsGreatCircle() {
        // Zhibek Zholy to Shymkent is about 110 km in a straight line.
        assertThat(Validation.distanceKm(41.3686, 69.2039, 42.3417, 69.5901)).isBetween(100.0, 120.0);
        assertThat(Validation.distanceKm(55.7558, 37.6173, 55.7558, 37.6173)).isZero();
    }

    @Test
    void registrationCodesAreShortReadableAndVaried() {
        RegistrationCodes codes = new RegistrationCodes(new Random(1));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = codes.next();
            assertThat(code).matches("[A-Z2-9]{3}-[A-Z2-9]{3}").doesNotContainPattern("[01OIL]");
            seen.add(code);
        }
        assertThat(seen).hasSizeGreaterThan(9_900);
    }
}
