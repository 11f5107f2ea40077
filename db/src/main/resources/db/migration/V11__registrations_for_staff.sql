-- Registrations as staff work on them (issue 12): a staff lifecycle beside the person's own status, a version for
-- optimistic locking, a history with internal notes, names searchable in Cyrillic or Latin, pairs staff decided
-- are different people, and the indexes that keep the list fast at 100,000 registrations.
-- Append-only: once landed, change the schema in a new migration.

-- Trigram indexes for searching inside names and phone numbers (a contrib extension, trusted since PostgreSQL 13,
-- so a database owner may create it; the embedded PostgreSQL ships it).
create extension if not exists pg_trgm;

-- registration.status stays the person's side (draft, confirmed, cancelled: what the bot reads). staff_status is
-- where staff have got with it: registered → verified → assigned → departed, or cancelled. The two agree on
-- "cancelled" (the check below): a registration cancelled in the chat, or by plain SQL, is cancelled for staff
-- too, and one staff cancel is cancelled for the bot (its documents and phone free again, V4's trigger).
alter table registration
    add column staff_status   text not null default 'registered'
                              check (staff_status in ('registered', 'verified', 'assigned', 'departed', 'cancelled')),
    -- Why staff cancelled it (free text, or "duplicate of CODE"); null otherwise.
    add column cancel_reason  text check (char_length(cancel_reason) between 1 and 500),
    -- The registration this one was merged into, when cancelled as a duplicate.
    add column duplicate_of   bigint references registration (id) on delete set null,
    -- Raised on every change of the row, by whoever makes it: a form shows the version it was read at, and a save
    -- of an older version is refused (optimistic locking) instead of overwriting someone else's change.
    add column version        integer not null default 1;

update registration set staff_status = 'cancelled' where status = 'cancelled';

create function registration_staff_side() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        new.version := old.version + 1;
        if new.status = 'cancelled' and old.status <> 'cancelled' then
            new.staff_status := 'cancelled';
        elsif new.staff_status = 'cancelled' and old.staff_status <> 'cancelled' then
            new.status := 'cancelled';
        elsif new.status <> 'cancelled' and old.status = 'cancelled' and new.staff_status = 'cancelled' then
            new.staff_status := 'registered';
        end if;
    elsif new.status = 'cancelled' then
        new.staff_status := 'cancelled';
    elsif new.staff_status = 'cancelled' then
        new.status := 'cancelled';
    end if;
    return new;
end
$$;
create trigger registration_staff_side
    before insert or update on registration
    for each row execute function registration_staff_side();

alter table registration add constraint cancelled_on_both_sides
    check ((status = 'cancelled') = (staff_status = 'cancelled'));

-- V4's trigger frees a cancelled registration's documents when an update names the status column; a staff cancel
-- may name only staff_status (the trigger above then sets status), so it now fires on any change of status.
drop trigger registration_status_sets_traveller_active on registration;
create trigger registration_status_sets_traveller_active
    after update on registration
    for each row when (old.status is distinct from new.status)
    execute function traveller_active_follows_registration();

-- A traveller's name folded to plain Latin (ICU transliteration, then the spelling variants of Tajik, Russian
-- and Uzbek names folded together; the core's NameKeys), words in alphabetical order: "Назаров Акмал" and
-- "Akmal Nazarov" have the same key. Written by the core with the name; rows older than this column get theirs
-- when the admin app starts.
alter table traveller add column name_key text;

create index traveller_name_key_trgm_idx on traveller using gin (name_key gin_trgm_ops);
create index traveller_name_birth_idx on traveller (name_key, birth_date);
create index traveller_document_number_idx on traveller (document_number) where document_number is not null;
create index registration_phone_trgm_idx on registration using gin (phone gin_trgm_ops);
-- The list is newest first, paged by id (keyset); each filter has an index that walks in that order.
create index registration_staff_status_idx on registration (staff_status, id);
create index registration_location_idx on registration (location_id, id);
create index registration_destination_idx on registration (destination_id, id);
create index registration_created_idx on registration (created_at);
create index registration_needs_idx on registration using gin (needs);

-- What happened to a registration, for its history: by the person in the bot (staff_email null) or by staff, and
-- staff's internal notes. Personal data (a note may name someone): it goes with the registration when the person
-- asks for their data to be deleted. The audit log records the same staff actions without personal data.
create table registration_event (
    id               bigint generated always as identity primary key,
    registration_id  bigint not null references registration (id) on delete cascade,
    at               timestamptz not null,
    staff_id         bigint references staff_account (id) on delete set null,
    staff_email      text,
    kind             text not null check (kind in ('registered', 'corrected', 'status', 'note', 'merged', 'different')),
    detail           text check (char_length(detail) <= 2000)
);
create index registration_event_registration_idx on registration_event (registration_id, id);

-- Two registrations staff looked at and found to be different people: not listed as likely duplicates again.
create table registration_not_duplicate (
    registration_a  bigint not null references registration (id) on delete cascade,
    registration_b  bigint not null references registration (id) on delete cascade,
    decided_by      bigint references staff_account (id) on delete set null,
    decided_at      timestamptz not null,
    primary key (registration_a, registration_b),
    constraint ordered_pair check (registration_a < registration_b)
);
create index registration_not_duplicate_b_idx on registration_not_duplicate (registration_b);
