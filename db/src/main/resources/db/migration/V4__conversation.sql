-- The migrant's conversation with the bot: where each chat stands, departures and who is assigned to them,
-- the requirements of each route and the answers to their questions, and the operation's settings.
-- Append-only: once landed, change the schema in a new migration.

-- Where each private chat stands in the conversation, and the answers given so far (the draft), so a person
-- can come back days later, or after a restart, and continue where they left off.
create table conversation (
    chat_id     bigint primary key references telegram_user (chat_id) on delete cascade,
    state       text not null check (state ~ '^[A-Z_]+$'),
    draft       jsonb not null default '{}',
    updated_at  timestamptz not null default now()
);

-- A cancelled registration must not block the same document from being registered again: V1's index covers
-- every traveller, so it is rebuilt, same name, over the travellers of live registrations.
alter table traveller add column active boolean not null default true;
drop index traveller_document_uq;
create unique index traveller_document_uq on traveller (document_type, document_number)
    where document_number is not null and active;

-- Kept in step here rather than by each writer, so a registration cancelled from the admin app frees its
-- documents just as one cancelled in the chat does (and re-confirming it takes them back, or fails if taken).
create function traveller_active_follows_registration() returns trigger language plpgsql as $$
begin
    update traveller set active = (new.status <> 'cancelled') where registration_id = new.id;
    return new;
end
$$;
create trigger registration_status_sets_traveller_active
    after update of status on registration
    for each row when (old.status is distinct from new.status)
    execute function traveller_active_follows_registration();

-- One bus (or convoy) leaving a departure point on a date toward one or more destinations.
create table departure (
    id                 bigint generated always as identity primary key,
    location_id        integer not null references location (id),
    departs_at         timestamptz not null,
    meeting_point_tg   text not null check (char_length(meeting_point_tg) between 1 and 1000),
    meeting_point_ru   text not null check (char_length(meeting_point_ru) between 1 and 1000),
    meeting_point_uz   text not null check (char_length(meeting_point_uz) between 1 and 1000),
    meeting_latitude   double precision check (meeting_latitude between -90 and 90),
    meeting_longitude  double precision check (meeting_longitude between -180 and 180),
    bring_tg           text check (char_length(bring_tg) <= 1000),
    bring_ru           text check (char_length(bring_ru) <= 1000),
    bring_uz           text check (char_length(bring_uz) <= 1000),
    seats              integer not null check (seats > 0),
    status             text not null default 'planned' check (status in ('planned', 'boarding', 'departed', 'cancelled')),
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    constraint meeting_pin_complete check ((meeting_latitude is null) = (meeting_longitude is null))
);
create index departure_location_time_idx on departure (location_id, departs_at);

create table departure_destination (
    departure_id    bigint not null references departure (id) on delete cascade,
    destination_id  integer not null references destination (id),
    primary key (departure_id, destination_id)
);

-- A registration (everyone on it) assigned to a departure, and the person's answer: coming or cannot come.
create table departure_assignment (
    registration_id bigint primary key references registration (id) on delete cascade,
    departure_id    bigint not null references departure (id) on delete cascade,
    assigned_at     timestamptz not null default now(),
    answer          text check (answer in ('confirmed', 'cannot_come')),
    answered_at     timestamptz,
    constraint answer_complete check ((answer is null) = (answered_at is null))
);
create index departure_assignment_departure_idx on departure_assignment (departure_id);

-- What a route demands of travellers. A null filter matches any: a row with only location_country 'KZ' and
-- destination_country 'TJ' applies to everyone going from Kazakhstan to Tajikistan (through Uzbekistan).
create table requirement (
    id                   integer generated always as identity primary key,
    code                 text not null unique check (code ~ '^[a-z0-9_]+$'),
    location_id          integer references location (id),
    location_country     char(2) check (location_country ~ '^[A-Z]{2}$'),
    destination_country  char(2) check (destination_country ~ '^[A-Z]{2}$'),
    destination_id       integer references destination (id),
    text_tg              text not null check (char_length(text_tg) between 1 and 1000),
    text_ru              text not null check (char_length(text_ru) between 1 and 1000),
    text_uz              text not null check (char_length(text_uz) between 1 and 1000),
    -- A yes/no question asked with buttons (e.g. "Do you have a negative test?"); all three or none.
    question_tg          text check (char_length(question_tg) between 1 and 300),
    question_ru          text check (char_length(question_ru) between 1 and 300),
    question_uz          text check (char_length(question_uz) between 1 and 300),
    sort_order           integer not null default 0,
    active               boolean not null default true,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    constraint question_complete check ((question_tg is null) = (question_ru is null) and (question_ru is null) = (question_uz is null))
);

create table requirement_answer (
    registration_id  bigint not null references registration (id) on delete cascade,
    requirement_id   integer not null references requirement (id) on delete cascade,
    answer           boolean not null,
    answered_at      timestamptz not null default now(),
    primary key (registration_id, requirement_id)
);

-- The operation itself, shown in the consent notice and in help: one row.
create table operation_settings (
    id                 boolean primary key default true check (id),
    name_tg            text not null,
    name_ru            text not null,
    name_uz            text not null,
    hotline_phone      text not null check (hotline_phone ~ '^\+[0-9]{7,15}$'),
    -- How long personal data is kept after the operation ends, in months (said in the consent notice).
    retention_months   integer not null check (retention_months between 1 and 120),
    -- Version of the consent notice; raising it asks everyone to agree again.
    consent_version    integer not null default 1 check (consent_version >= 1)
);

-- Anonymous counts that outlive a person's data: how many asked for their data to be deleted, per day.
create table deletion_stats (
    day    date primary key,
    count  integer not null check (count >= 0)
);

insert into operation_settings (name_tg, name_ru, name_uz, hotline_phone, retention_months) values
    ('Амалиёти бозгашт ба Ватан (ТБМ ва ҳукуматҳо)',
     'Операция по возвращению домой (МОМ и правительства)',
     'Vatanga qaytarish operatsiyasi (XMT va hukumatlar)',
     '+992446000000', 6);

insert into requirement (code, location_id, location_country, destination_country, text_tg, text_ru, text_uz,
                         question_tg, question_ru, question_uz, sort_order) values
    ('identity_document', null, null, null,
     'Шиноснома ё шаҳодатномаи консулӣ барои бозгашт. Барои кӯдакон шаҳодатномаи таваллуд.',
     'Паспорт или консульское свидетельство на возвращение. Для детей — свидетельство о рождении.',
     'Pasport yoki qaytish uchun konsullik guvohnomasi. Bolalar uchun tugʻilganlik haqida guvohnoma.',
     null, null, null, 10),
    ('covid_test_uz_transit', null, 'KZ', 'TJ',
     'Барои гузаштан аз Ӯзбекистон: ташхиси манфии COVID-19 (ПЗР), ки на пештар аз 72 соат гирифта шудааст.',
     'Для проезда через Узбекистан: отрицательный тест на COVID-19 (ПЦР), сделанный не раньше чем за 72 часа.',
     'Oʻzbekiston orqali oʻtish uchun: COVID-19 boʻyicha manfiy test (PZR), 72 soatdan oldin emas.',
     'Шумо ташхиси манфии COVID-19 аз 72 соати охир доред?',
     'У Вас есть отрицательный тест на COVID-19 за последние 72 часа?',
     'Sizda oxirgi 72 soatdagi manfiy COVID-19 testi bormi?', 20),
    ('luggage_20kg', null, null, null,
     'Бағоҷ на зиёда аз 20 кг ба як нафар.',
     'Багаж не больше 20 кг на человека.',
     'Yuk bir kishiga 20 kg dan oshmasin.',
     null, null, null, 30),
    ('food_water', null, null, null,
     'Барои роҳ хӯрок ва об гиред: роҳ метавонад як шабонарӯз ва зиёда давом кунад.',
     'Возьмите еду и воду в дорогу: поездка может занять сутки и больше.',
     'Yoʻl uchun ovqat va suv oling: safar bir kecha-kunduz va undan koʻp davom etishi mumkin.',
     null, null, null, 40);
