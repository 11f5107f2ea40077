package org.homeward.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MessagesFormatTest {
    private static final ZoneId DUSHANBE = ZoneId.of("Asia/Dushanbe"); // UTC+5
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty"); // UTC+5 since 2024
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow"); // UTC+3
    // Saturday 21 March 2026, 14:30 in Dushanbe.
    private static final ZonedDateTime WHEN = ZonedDateTime.of(2026, 3, 21, 14, 30, 0, 0, DUSHANBE);

    // ICU keeps "г." on the line of the year with a narrow no-break space (U+202F).
    private static Messages catalog(String pattern) {
        return new Messages(Map.of(Language.RU, Map.of("k", pattern), Language.TG, Map.of("k", pattern),
                Language.UZ, Map.of("k", pattern)));
    }

    private static String fmt(Language language, String pattern, Object when) {
        return catalog(pattern).format(language, "k", Map.of("when", when));
    }

    @Test
    void long_dates_read_well_in_each_language() {
        String p = "{when, date, long}";
        assertThat(fmt(Language.RU, p, WHEN)).isEqualTo("21 марта 2026\u202fг.");
        assertThat(fmt(Language.TG, p, WHEN)).isEqualTo("21 марти 2026");
        assertThat(fmt(Language.UZ, p, WHEN)).isEqualTo("21-mart, 2026");
    }

    @Test
    void full_dates_have_lower_case_tajik_weekdays_so_monday_is_not_the_capital() {
        ZonedDateTime monday = WHEN.plusDays(2);
        assertThat(fmt(Language.TG, "{when, date, full}", monday)).isEqualTo("душанбе, 23 марти 2026");
        assertThat(fmt(Language.RU, "{when, date, full}", monday)).isEqualTo("понедельник, 23 марта 2026\u202fг.");
        assertThat(fmt(Language.UZ, "{when, date, full}", monday)).isEqualTo("dushanba, 23-mart, 2026");
    }

    @Test
    void short_dates_are_numeric_with_four_digit_years() {
        String p = "{when, date, short}";
        assertThat(fmt(Language.RU, p, WHEN)).isEqualTo("21.03.2026");
        assertThat(fmt(Language.TG, p, WHEN)).isEqualTo("21.03.2026");
        assertThat(fmt(Language.UZ, p, WHEN)).isEqualTo("21.03.2026");
    }

    @Test
    void skeletons() {
        assertThat(fmt(Language.RU, "{when, date, ::dMMMMyyyy}", WHEN)).isEqualTo("21 марта 2026\u202fг.");
        assertThat(fmt(Language.TG, "{when, date, ::dMMMMyyyy}", WHEN)).isEqualTo("21 марти 2026");
        assertThat(fmt(Language.UZ, "{when, date, ::dMMMMyyyy}", WHEN)).isEqualTo("21-mart, 2026");
        assertThat(fmt(Language.TG, "{when, date, ::dMMMM}", WHEN)).isEqualTo("21 март");
        assertThat(fmt(Language.TG, "{when, date, ::EEEEdMMMM}", WHEN)).isEqualTo("шанбе, 21 март");
        assertThat(fmt(Language.TG, "{when, date, ::yMMMMdHm}", WHEN)).isEqualTo("21 марти 2026 соати 14:30");
        assertThat(fmt(Language.TG, "{when, date, ::yMd}", WHEN)).isEqualTo("21.03.2026");
        assertThat(fmt(Language.UZ, "{when, date, ::yMd}", WHEN)).isEqualTo("21.03.2026");
        assertThat(fmt(Language.RU, "{when, time, ::Hmm}", WHEN)).isEqualTo("14:30");
    }

    @Test
    void every_tajik_month_in_both_forms() {
        List<String> withYear = new ArrayList<>();
        List<String> withoutYear = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            LocalDate d = LocalDate.of(2026, m, 1);
            withYear.add(fmt(Language.TG, "{when, date, long}", d));
            withoutYear.add(fmt(Language.TG, "{when, date, ::dMMMM}", d));
        }
        assertThat(withYear).containsExactly("1 январи 2026", "1 феврали 2026", "1 марти 2026", "1 апрели 2026",
                "1 майи 2026", "1 июни 2026", "1 июли 2026", "1 августи 2026", "1 сентябри 2026", "1 октябри 2026",
                "1 ноябри 2026", "1 декабри 2026");
        assertThat(withoutYear).containsExactly("1 январ", "1 феврал", "1 март", "1 апрел", "1 май", "1 июн",
                "1 июл", "1 август", "1 сентябр", "1 октябр", "1 ноябр", "1 декабр");
    }

    @Test
    void a_departure_is_shown_in_its_own_zone_not_the_servers() {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            String p = "{when, date, long}, {when, time, short}";
            assertThat(fmt(Language.RU, p, WHEN)).isEqualTo("21 марта 2026\u202fг., 14:30");
            assertThat(fmt(Language.RU, p, WHEN.withZoneSameInstant(MOSCOW))).isEqualTo("21 марта 2026\u202fг., 12:30");
            assertThat(fmt(Language.TG, p, WHEN.toOffsetDateTime())).isEqualTo("21 марти 2026, 14:30");
            // Late evening in Moscow is already the next day in Dushanbe.
            ZonedDateTime lateInMoscow = ZonedDateTime.of(2026, 3, 21, 23, 0, 0, 0, MOSCOW);
            assertThat(fmt(Language.UZ, p, lateInMoscow)).isEqualTo("21-mart, 2026, 23:00");
            assertThat(fmt(Language.UZ, p, lateInMoscow.withZoneSameInstant(ALMATY))).isEqualTo("22-mart, 2026, 01:00");
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void an_instant_needs_a_zone() {
        Instant instant = WHEN.toInstant();
        Messages m = catalog("{when, time, short}");
        assertThat(m.format(Language.RU, "k", Map.of("when", instant), DUSHANBE)).isEqualTo("14:30");
        assertThat(m.format(Language.RU, "k", Map.of("when", instant), ZoneOffset.ofHours(3))).isEqualTo("12:30");
        assertThatThrownBy(() -> m.format(Language.RU, "k", Map.of("when", instant)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'when'")
                .hasMessageContaining("zone");
    }

    @Test
    void local_dates_and_times_are_shown_as_they_are() {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati")); // UTC+14
            assertThat(fmt(Language.RU, "{when, date, short}", LocalDate.of(1990, 1, 1))).isEqualTo("01.01.1990");
            assertThat(fmt(Language.TG, "{when, date, ::yMMMMdHm}", LocalDateTime.of(2026, 5, 9, 0, 5)))
                    .isEqualTo("9 майи 2026 соати 00:05");
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void dates_inside_plural_branches_and_beside_other_arguments() {
        String p = "{n, plural, one{# автобус уходит {when, date, ::dMMMM} в {when, time, short}}"
                + " few{# автобуса уходят {when, date, ::dMMMM} в {when, time, short}}"
                + " many{# автобусов уходят {when, date, ::dMMMM} в {when, time, short}}"
                + " other{# автобуса уходят {when, date, ::dMMMM} в {when, time, short}}} — {place}";
        Messages m = catalog(p);
        assertThat(m.format(Language.RU, "k", Map.of("n", 3, "when", WHEN, "place", "Жибек Жолы")))
                .isEqualTo("3 автобуса уходят 21 марта в 14:30 — Жибек Жолы");
        assertThat(m.format(Language.RU, "k", Map.of("n", 21, "when", WHEN, "place", "X")))
                .startsWith("21 автобус уходит");
    }

    @Test
    void a_missing_date_argument_shows_its_name_and_a_wrong_type_is_named() {
        Messages m = catalog("Выезд: {when, date, long}");
        assertThat(m.format(Language.RU, "k", Map.of())).isEqualTo("Выезд: {when}");
        assertThatThrownBy(() -> m.format(Language.RU, "k", Map.of("when", "tomorrow")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'when'")
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void formatting_in_parallel_keeps_each_calls_zone() throws Exception {
        Messages m = catalog("{when, date, long} {when, time, short}");
        ZoneId[] zones = {DUSHANBE, MOSCOW, ZoneId.of("Asia/Tashkent"), ZoneId.of("UTC"), ZoneId.of("Asia/Tokyo")};
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 2000; i++) {
                ZoneId zone = zones[i % zones.length];
                Language language = Language.values()[i % 3];
                ZonedDateTime when = WHEN.plusMinutes(i * 7L).withZoneSameInstant(zone);
                String expected = fmtAlone(language, when);
                results.add(pool.submit(() -> m.format(language, "k", Map.of("when", when)).equals(expected)));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        }
    }

    private static String fmtAlone(Language language, ZonedDateTime when) {
        return fmt(language, "{when, date, long} {when, time, short}", when);
    }
}
