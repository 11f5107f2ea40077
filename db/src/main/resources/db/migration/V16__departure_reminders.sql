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

-- A message may be a place on the map (issue 13: the departure's pin as a Telegram venue,
-- https://core.telegram.org/bots/api#sendvenue): its text is then the venue's title (the meeting point), and the
-- address per language (the departure point's name). Both coordinates or neither; an address only with them.
alter table delivery_message
    add column latitude    double precision check (latitude between -90 and 90),
    add column longitude   double precision check (longitude between -180 and 180),
    add column address_tg  text check (char_length(address_tg) between 1 and 300),
    add column address_ru  text check (char_length(address_ru) between 1 and 300),
    add column address_uz  text check (char_length(address_uz) between 1 and 300),
    add constraint venue_pin_complete check ((latitude is null) = (longitude is null)),
    add constraint venue_address_needs_pin check (latitude is not null or coalesce(address_tg, address_ru, address_uz) is null);
