package org.homeward.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.homeward.testkit.Await;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class JobsTest {
    @Test
    void aJobRunsOnItsScheduleAndIsRememberedInTheDatabase() {
        try (TestDatabase db = TestPostgres.newDatabase()) {
            AtomicInteger runs = new AtomicInteger();
            try (Jobs jobs = Jobs.start(db.dataSource(),
                    List.of(Jobs.Job.every("test-tick", Duration.ofMillis(100), runs::incrementAndGet)),
                    Duration.ofMillis(100))) {
                Await.until("the job runs twice", () -> runs.get() >= 2);
            }
            int seen = DSL.using(db.dataSource(), SQLDialect.POSTGRES)
                    .fetchCount(DSL.table("scheduled_tasks"), DSL.field("task_name").eq("test-tick"));
            assertThat(seen).isEqualTo(1);
        }
    }

    @Test
    void twoInstancesOnOneDatabaseNeverRunTheSameJobAtOnce() {
        try (TestDatabase db = TestPostgres.newDatabase()) {
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            AtomicInteger runs = new AtomicInteger();
            Runnable body = () -> {
                if (inside.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                runs.incrementAndGet();
                inside.decrementAndGet();
            };
            try (Jobs a = Jobs.start(db.dataSource(), List.of(Jobs.Job.every("shared", Duration.ofMillis(50), body)),
                    Duration.ofMillis(50));
                 Jobs b = Jobs.start(db.dataSource(), List.of(Jobs.Job.every("shared", Duration.ofMillis(50), body)),
                         Duration.ofMillis(50))) {
                Await.until("ten runs", () -> runs.get() >= 10);
            }
            assertThat(overlaps).hasValue(0);
        }
    }
}
