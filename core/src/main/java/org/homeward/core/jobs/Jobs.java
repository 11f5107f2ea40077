package org.homeward.core.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The persistent jobs of one Homeward instance, run by db-scheduler on the shared database: each run is claimed
 * in {@code scheduled_tasks}, so a job runs once across instances, and a run that fell due while every instance was
 * down happens at the next start. A job's body works on its own transactions and must be safe to run again
 * (a run cut short by a crash is run again after db-scheduler's heartbeat expires).
 */
public final class Jobs implements AutoCloseable {
    private final Scheduler scheduler;

    private Jobs(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts running {@code jobs}; close to stop (a run in progress is given a few seconds to end). */
    public static Jobs start(DataSource dataSource, List<Job> jobs, Duration pollingInterval) {
        List<RecurringTask<Void>> tasks = jobs.stream()
                .map(job -> Tasks.recurring(job.name(), job.schedule())
                        .execute((instance, context) -> job.body().run()))
                .toList();
        Scheduler scheduler = Scheduler.create(dataSource)
                .startTasks(tasks)
                .threads(2)
                .pollingInterval(pollingInterval)
                // A failed run is logged without its stack trace: an exception's message may quote stored data.
                .failureLogging(LogLevel.WARN, false)
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
        scheduler.start();
        return new Jobs(scheduler);
    }

    /** Stops claiming runs and waits briefly for the ones in progress. */
    @Override
    public void close() {
        scheduler.stop();
    }

    /**
     * A recurring job: a name (its key in {@code scheduled_tasks}; keep it stable across releases), when it runs, and
     * what it does.
     */
    public record Job(String name, Schedule schedule, Runnable body) {
        /** Checks the parts. */
        public Job {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(body, "body");
        }

        /** Runs {@code body} every {@code delay}, measured from the end of the previous run. */
        public static Job every(String name, Duration delay, Runnable body) {
            return new Job(name, Schedules.fixedDelay(delay), body);
        }

        /** Runs {@code body} once a day at {@code time} in {@code zone}. */
        public static Job daily(String name, LocalTime time, ZoneId zone, Runnable body) {
            return new Job(name, Schedules.daily(zone, time), body);
        }
    }
}
