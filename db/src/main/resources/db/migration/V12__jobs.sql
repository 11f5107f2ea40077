-- Persistent jobs (db-scheduler, https://github.com/kagkarlsson/db-scheduler): scheduled broadcasts, departure
-- reminders, retention. Each run is claimed here, so a job runs once across every instance on this database and
-- a run that fell due while Homeward was down happens at the next start. The table is db-scheduler's own
-- PostgreSQL schema; only db-scheduler writes it.
create table scheduled_tasks (
    task_name            text not null,
    task_instance        text not null,
    task_data            bytea,
    execution_time       timestamptz not null,
    picked               boolean not null,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures integer,
    last_heartbeat       timestamptz,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
