-- Departure reminders (issue 13): 24 h and 2 h before a bus leaves, its passengers who have not declined are
-- reminded. Each moment is claimed once, across instances, by setting it in the transaction that enqueues the
-- reminder; a change of time sets them again (a moment already passed at the change is marked done, so a bus moved
-- to 10 h from now reminds only 2 h before, never late).
-- Append-only: once landed, change the schema in a new migration.
alter table departure
    add column reminded_24h_at timestamptz,
    add column reminded_2h_at  timestamptz;

-- Departures whose reminders are still to come: the job's scan.
create index departure_reminders_due_idx on departure (departs_at)
    where status in ('planned', 'boarding') and (reminded_24h_at is null or reminded_2h_at is null);

-- Departures that left: when staff marked them gone (the status says departed).
alter table departure add column departed_at timestamptz;
