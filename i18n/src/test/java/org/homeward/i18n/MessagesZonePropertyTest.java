package org.homeward.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the instant and the zone, the wall time shown is the one java.time computes for that zone. */
class MessagesZonePropertyTest {
    private static final Messages MESSAGES = new Messages(Map.of(
            Language.RU, Map.of("k", "{w, date, short} {w, time, ::Hmm}"),
            Language.TG, Map.of("k", "{w, date, short} {w, time, ::Hmm}"),
            Language.UZ, Map.of("k", "{w, date, short} {w, time, ::Hmm}")));
    private static final DateTimeFormatter EXPECTED = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    @Property
    void zoned_values_show_their_own_wall_time(@ForAll("instants") Instant instant, @ForAll("zones") ZoneId zone,
            @ForAll Language language) {
        ZonedDateTime when = instant.atZone(zone);
        assertThat(MESSAGES.format(language, "k", Map.of("w", when))).isEqualTo(EXPECTED.format(when));
        assertThat(MESSAGES.format(language, "k", Map.of("w", instant), zone)).isEqualTo(EXPECTED.format(when));
    }

    @Provide
    Arbitrary<Instant> instants() {
        // Years whose zone rules the JDK's and ICU's time zone data agree on for the zones below.
        return Arbitraries.longs()
                .between(Instant.parse("2000-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2035-12-31T00:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        // Where migrants wait and where they go, a zone that changed in 2024 (Almaty), one with DST, fixed offsets.
        return Arbitraries.of(ZoneId.of("Asia/Dushanbe"), ZoneId.of("Asia/Tashkent"), ZoneId.of("Asia/Samarkand"),
                ZoneId.of("Asia/Almaty"), ZoneId.of("Asia/Qyzylorda"), ZoneId.of("Europe/Moscow"),
                ZoneId.of("Europe/Samara"), ZoneId.of("Asia/Yekaterinburg"), ZoneId.of("Asia/Novosibirsk"),
                ZoneId.of("Asia/Bishkek"), ZoneId.of("Europe/Berlin"), ZoneId.of("UTC"), ZoneOffset.ofHours(5),
                ZoneOffset.ofHoursMinutes(-3, -30), ZoneId.of("GMT+03:00"));
    }
}
