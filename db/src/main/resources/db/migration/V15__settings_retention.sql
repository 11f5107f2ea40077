-- Operation settings edited by staff, and the retention of registrations' personal data (issue 13).
-- Append-only: once landed, change the schema in a new migration.

-- Optimistic locking of the one settings row: the page shows the version it read, and a save of an older version is
-- refused ("changed by … at …, reload") instead of overwriting someone else's change. Who changed it last, and when,
-- is said in that refusal (staff's address: not migrants' personal data).
alter table operation_settings
    add column version     integer not null default 1 check (version >= 1),
    add column updated_at  timestamptz,
    add column updated_by  text check (char_length(updated_by) <= 254);

-- Anonymous counts that outlive the data the retention job deletes: per day and reason, how many registrations and
-- travellers went. Never a name, code or chat id.
create table retention_stats (
    day            date not null,
    reason         text not null check (reason in ('departed', 'cancelled')),
    registrations  integer not null check (registrations >= 0),
    travellers     integer not null check (travellers >= 0),
    primary key (day, reason)
);

