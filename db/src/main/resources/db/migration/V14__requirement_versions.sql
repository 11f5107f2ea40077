-- Requirements run from the admin app (issue 13): every published version of a requirement is kept, with who
-- published it, when and to how many people; the requirement row holds the current version (optimistic locking)
-- and the version at which its yes/no question was last asked, and each answer remembers the version it answers,
-- so that a question asked again shows the earlier answer as "asked again, not answered yet".
-- Append-only: once landed, change the schema in a new migration.

alter table requirement
    -- The current published version; a form shows it and a publish of an older one is refused.
    add column version        integer not null default 1 check (version >= 1),
    -- The version at which the question was last asked of everyone concerned: answers to older versions are history.
    add column asked_version  integer not null default 1 check (asked_version >= 1),
    add constraint asked_not_after_version check (asked_version <= version);

-- One published version: the route, the texts and the question as the people concerned were told them.
create table requirement_version (
    requirement_id       integer not null references requirement (id) on delete cascade,
    version              integer not null check (version >= 1),
    location_id          integer references location (id),
    location_country     char(2) check (location_country ~ '^[A-Z]{2}$'),
    destination_country  char(2) check (destination_country ~ '^[A-Z]{2}$'),
    destination_id       integer references destination (id),
    text_tg              text not null check (char_length(text_tg) between 1 and 1000),
    text_ru              text not null check (char_length(text_ru) between 1 and 1000),
    text_uz              text not null check (char_length(text_uz) between 1 and 1000),
    question_tg          text check (char_length(question_tg) between 1 and 300),
    question_ru          text check (char_length(question_ru) between 1 and 300),
    question_uz          text check (char_length(question_uz) between 1 and 300),
    active               boolean not null,
    -- Whether this version asked the question (again) of everyone concerned.
    asked                boolean not null default false,
    -- Null for the versions that came with the migrations, or when the account was removed.
    published_by         bigint references staff_account (id) on delete set null,
    published_at         timestamptz not null,
    -- How many people the notice was queued for.
    recipients           integer not null default 0 check (recipients >= 0),
    primary key (requirement_id, version),
    constraint version_question_complete check ((question_tg is null) = (question_ru is null)
                                                and (question_ru is null) = (question_uz is null))
);

-- A published version is history: it is never changed (a removed staff account only loses its name).
create function requirement_version_kept() returns trigger language plpgsql as $$
begin
    if new.published_by is null and old.published_by is not null
       and (new.requirement_id, new.version, new.text_tg, new.text_ru, new.text_uz, new.active, new.published_at)
           is not distinct from (old.requirement_id, old.version, old.text_tg, old.text_ru, old.text_uz, old.active,
                                 old.published_at) then
        return new;
    end if;
    raise exception 'a published requirement version is never changed';
end
$$;
create trigger requirement_version_kept
    before update on requirement_version
    for each row execute function requirement_version_kept();

-- The requirements that came with the migrations are their own version 1.
insert into requirement_version (requirement_id, version, location_id, location_country, destination_country,
                                 destination_id, text_tg, text_ru, text_uz, question_tg, question_ru, question_uz,
                                 active, asked, published_at)
select id, 1, location_id, location_country, destination_country, destination_id, text_tg, text_ru, text_uz,
       question_tg, question_ru, question_uz, active, question_ru is not null, updated_at
from requirement;

-- The version of the requirement an answer answers; the answers given so far answer version 1.
alter table requirement_answer
    add column version integer not null default 1 check (version >= 1);
