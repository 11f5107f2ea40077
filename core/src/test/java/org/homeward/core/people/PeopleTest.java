package org.homeward.core.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.DELETION_STATS;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import java.time.Instant;
import java.time.LocalDate;
import org.homeward.core.places.Places;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PeopleTest {
    private static TestDatabase db;
    private static DSLContext dsl;

    @BeforeAll
    static void database() {
        db = TestPostgres.newDatabase();
        dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void erasureLeavesOnlyAnAnonymousCountForTheDay() {
        People people = new People(dsl);
        people.touch(71, Instant.now());
        people.touch(72, Instant.now());
        LocalDate day = LocalDate.of(2026, 11, 30);

        people.erase(71, day);
        people.erase(72, day);

        assertThat(dsl.fetchCount(TELEGRAM_USER, TELEGRAM_USER.CHAT_ID.in(71L, 72L))).isZero();
        assertThat(dsl.fetchValue(DELETION_STATS.COUNT, DELETION_STATS.DAY.eq(day))).isEqualTo(2);
    }

    @Test
    void duplicateAnswersAreCountedPerDayAndStopAfterTheLimit() {
        People people = new People(dsl);
        people.touch(73, Instant.now());
        LocalDate day = LocalDate.of(2026, 11, 30);
        for (int i = 1; i <= People.DUPLICATE_ANSWERS_PER_DAY; i++) {
            assertThat(People.mayBeToldOfDuplicates(people.countDuplicateAnswer(73, day))).as("answer %d", i).isTrue();
        }
        assertThat(People.mayBeToldOfDuplicates(people.countDuplicateAnswer(73, day))).isFalse();
        assertThat(people.countDuplicateAnswer(73, day.plusDays(1))).as("a new day").isEqualTo(1);
    }

    @Test
    void aSharedLocationIsTakenAsTheNearestKnownPlaceOnlyWhenItIsNearOne() {
        Places places = new Places(dsl);
        // A few kilometres from the Zhibek Zholy crossing; and the middle of the Caspian Sea.
        assertThat(places.nearest(41.40, 69.25)).hasValueSatisfying(l -> assertThat(l.getCode()).isEqualTo("zhibek_zholy"));
        assertThat(places.nearest(42.0, 51.0)).isEmpty();
    }
}
