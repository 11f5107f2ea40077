package org.homeward.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever the instant and the zone, the wall time shown is the one java.time computes for that zone. Cases are
 * drawn at random from a seed that each case's name shows: rerun a failure with {@code -Dhomeward.seed=N}.
 */
class MessagesZoneRandomTest {
    private static final long SEED = Long.getLong("homeward.seed", new Random().nextLong());
    private static final int CASES = 1000;
    private static final Messages MESSAGES = new Messages(Map.of(
            Language.RU, Map.of("k", "{w, date, short} {w, time, ::Hmm}"),
            Language.TG, Map.of("k", "{w, date, short} {w, time, ::Hmm}"),
            Language.UZ, Map.of("k", "{w, date, short} {w, time, ::Hmm}")));
    private static final DateTimeFormatter EXPECTED = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    // Where migrants wait and where they go, a zone that changed in 2024 (Almaty), one with DST, fixed offsets.
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Dushanbe"), ZoneId.of("Asia/Tashkent"),
            ZoneId.of("Asia/Samarkand"), ZoneId.of("Asia/Almaty"), ZoneId.of("Asia/Qyzylorda"),
            ZoneId.of("Europe/Moscow"), ZoneId.of("Europe/Samara"), ZoneId.of("Asia/Yekaterinburg"),
            ZoneId.of("Asia/Novosibirsk"), ZoneId.of("Asia/Bishkek"), ZoneId.of("Europe/Berlin"), ZoneId.of("UTC"),
            ZoneOffset.ofHours(5), ZoneOffset.ofHoursMinutes(-3, -30), ZoneId.of("GMT+03:00"));
    // Years whose zone rules the JDK's and ICU's time zone data agree on for the zones above.
    private static final long FROM = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2035-12-31T00:00:00Z").getEpochSecond();

    static Stream<Arguments> cases() {
        Random random = new Random(SEED);
        return IntStream.range(0, CASES).mapToObj(i -> Arguments.of(
                "seed " + SEED + " case " + i,
                Instant.ofEpochSecond(random.nextLong(FROM, TO)),
                ZONES.get(random.nextInt(ZONES.size())),
                Language.values()[random.nextInt(Language.values().length)]));
    }

    @ParameterizedTest(name = "{0}: {1} in {2}, {3}")
    @MethodSource("cases")
    void zonedValuesShowTheirOwnWallTime(String seed, Instant instant, ZoneId zone, Language language) {
        ZonedDateTime when = instant.atZone(zone);
        assertThat(MESSAGES.format(language, "k", Map.of("w", when))).as(seed).isEqualTo(EXPECTED.format(when));
        assertThat(MESSAGES.format(language, "k", Map.of("w", instant), zone)).as(seed).isEqualTo(EXPECTED.format(when));
    }
}
