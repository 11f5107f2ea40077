-- Homeward's core domain: the people who write to the bot, where they are, where they are going,
-- and their registrations with everyone travelling on them.
-- Append-only: once landed, change the schema in a new migration.

-- A private chat with one person. In private chats Telegram's chat id equals the user id
-- (https://core.telegram.org/bots/api#chat), so the chat id is the key.
create table telegram_user (
    chat_id         bigint primary key,
    -- The language the person chose: Tajik, Russian or Uzbek (Latin). Null until chosen.
    language        text check (language in ('tg', 'ru', 'uz')),
    -- Consent to the privacy notice: which version was agreed to, and when. Both null until agreed.
    consent_version integer,
    consent_at      timestamptz,
    -- When the person declined the notice (they may still read requirements and departures).
    consent_declined_at timestamptz,
    created_at      timestamptz not null default now(),
    last_seen_at    timestamptz not null default now(),
    constraint consent_complete check ((consent_version is null) = (consent_at is null))
);

-- Known places where people are stranded: border crossings and cities.
create table location (
    id          integer generated always as identity primary key,
    code        text not null unique check (code ~ '^[a-z0-9_]+$'),
    kind        text not null check (kind in ('border_crossing', 'city')),
    country     char(2) not null check (country ~ '^[A-Z]{2}$'),
    name_tg     text not null,
    name_ru     text not null,
    name_uz     text not null,
    latitude    double precision not null check (latitude between -90 and 90),
    longitude   double precision not null check (longitude between -180 and 180),
    -- IANA time zone of the place: departure times are shown in the departure point's zone.
    time_zone   text not null,
    sort_order  integer not null default 0,
    active      boolean not null default true
);

-- Where people are going: regions of Tajikistan and Uzbekistan.
create table destination (
    id          integer generated always as identity primary key,
    code        text not null unique check (code ~ '^[a-z0-9_]+$'),
    country     char(2) not null check (country ~ '^[A-Z]{2}$'),
    name_tg     text not null,
    name_ru     text not null,
    name_uz     text not null,
    sort_order  integer not null default 0,
    active      boolean not null default true
);

-- One registration: a main applicant and the family travelling with them.
create table registration (
    id                   bigint generated always as identity primary key,
    -- Short number read out over the phone (no look-alike characters); assigned on confirmation.
    code                 text unique check (code ~ '^[A-Z0-9-]{4,12}$'),
    chat_id              bigint not null references telegram_user (chat_id) on delete cascade,
    status               text not null default 'draft'
                         check (status in ('draft', 'confirmed', 'cancelled')),
    -- Phone in international form (+ and digits only).
    phone                text check (phone ~ '^\+[0-9]{7,15}$'),
    location_id          integer references location (id),
    -- "Other" place, typed by the person, when none of the known places fits.
    location_other       text check (char_length(location_other) between 1 and 200),
    destination_id       integer references destination (id),
    destination_district text check (char_length(destination_district) between 1 and 200),
    -- Multi-select needs: pregnancy, illness, disability, elderly, unaccompanied_child, no_food_water, no_shelter.
    needs                text[] not null default '{}',
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    confirmed_at         timestamptz,
    constraint one_place check (location_id is null or location_other is null)
);
create index registration_chat_idx on registration (chat_id);
create unique index registration_phone_uq on registration (phone) where phone is not null and status <> 'cancelled';

-- Everyone travelling on a registration: the main applicant (position 0) and family members.
create table traveller (
    id               bigint generated always as identity primary key,
    registration_id  bigint not null references registration (id) on delete cascade,
    position         integer not null check (position >= 0),
    -- How a family member is related to the main applicant; 'self' for the applicant.
    relation         text not null check (relation in ('self', 'spouse', 'child', 'parent', 'sibling', 'other')),
    full_name        text not null check (char_length(full_name) between 2 and 200),
    birth_date       date,
    sex              char(1) check (sex in ('F', 'M')),
    citizenship      char(2) check (citizenship ~ '^[A-Z]{2}$'),
    document_type    text check (document_type in ('passport', 'id_card', 'birth_certificate', 'other', 'none')),
    -- Upper-case letters and digits only, so the same document typed twice is recognised.
    document_number  text check (document_number ~ '^[A-Z0-9]{4,20}$'),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    unique (registration_id, position),
    constraint applicant_is_self check ((position = 0) = (relation = 'self')),
    constraint number_needs_document check (document_number is null or document_type not in ('none'))
);
create unique index traveller_document_uq on traveller (document_type, document_number) where document_number is not null;

insert into location (code, kind, country, name_tg, name_ru, name_uz, latitude, longitude, time_zone, sort_order) values
    ('zhibek_zholy',     'border_crossing', 'KZ', 'Гузаргоҳи «Жибек Жолы»', 'КПП «Жибек Жолы»',      '«Jibek Joli» chegara posti', 41.3686, 69.2039, 'Asia/Almaty',        10),
    ('shymkent',         'city',            'KZ', 'Шимкент',                'Шымкент',               'Chimkent',                   42.3417, 69.5901, 'Asia/Almaty',        20),
    ('almaty',           'city',            'KZ', 'Алмаато',                'Алматы',                'Olmaota',                    43.2389, 76.8897, 'Asia/Almaty',        30),
    ('astana',           'city',            'KZ', 'Остона',                 'Астана',                'Ostona',                     51.1694, 71.4491, 'Asia/Almaty',        40),
    ('moscow',           'city',            'RU', 'Маскав',                 'Москва',                'Moskva',                     55.7558, 37.6173, 'Europe/Moscow',      50),
    ('saint_petersburg', 'city',            'RU', 'Санкт-Петербург',        'Санкт-Петербург',       'Sankt-Peterburg',            59.9311, 30.3609, 'Europe/Moscow',      60),
    ('kazan',            'city',            'RU', 'Қазон',                  'Казань',                'Qozon',                      55.7963, 49.1088, 'Europe/Moscow',      70),
    ('samara',           'city',            'RU', 'Самара',                 'Самара',                'Samara',                     53.1959, 50.1002, 'Europe/Samara',      80),
    ('yekaterinburg',    'city',            'RU', 'Екатеринбург',           'Екатеринбург',          'Yekaterinburg',              56.8389, 60.6057, 'Asia/Yekaterinburg', 90),
    ('novosibirsk',      'city',            'RU', 'Новосибирск',            'Новосибирск',           'Novosibirsk',                55.0084, 82.9357, 'Asia/Novosibirsk',  100);

insert into destination (code, country, name_tg, name_ru, name_uz, sort_order) values
    ('tj_dushanbe', 'TJ', 'Душанбе',                          'Душанбе',                               'Dushanbe',                           10),
    ('tj_sughd',    'TJ', 'Вилояти Суғд',                     'Согдийская область',                    'Sugʻd viloyati',                     20),
    ('tj_khatlon',  'TJ', 'Вилояти Хатлон',                   'Хатлонская область',                    'Xatlon viloyati',                    30),
    ('tj_drs',      'TJ', 'Ноҳияҳои тобеи ҷумҳурӣ',           'Районы республиканского подчинения',    'Respublikaga boʻysunuvchi tumanlar', 40),
    ('tj_gbao',     'TJ', 'ВМКБ (Бадахшон)',                  'ГБАО (Бадахшан)',                       'TBMV (Badaxshon)',                   50),
    ('uz_tashkent_city',   'UZ', 'Шаҳри Тошкент',             'Ташкент (город)',                       'Toshkent shahri',                   110),
    ('uz_tashkent',        'UZ', 'Вилояти Тошкент',           'Ташкентская область',                   'Toshkent viloyati',                 120),
    ('uz_samarkand',       'UZ', 'Вилояти Самарқанд',         'Самаркандская область',                 'Samarqand viloyati',                130),
    ('uz_bukhara',         'UZ', 'Вилояти Бухоро',            'Бухарская область',                     'Buxoro viloyati',                   140),
    ('uz_fergana',         'UZ', 'Вилояти Фарғона',           'Ферганская область',                    'Fargʻona viloyati',                 150),
    ('uz_andijan',         'UZ', 'Вилояти Андиҷон',           'Андижанская область',                   'Andijon viloyati',                  160),
    ('uz_namangan',        'UZ', 'Вилояти Наманган',          'Наманганская область',                  'Namangan viloyati',                 170),
    ('uz_kashkadarya',     'UZ', 'Вилояти Қашқадарё',         'Кашкадарьинская область',               'Qashqadaryo viloyati',              180),
    ('uz_surkhandarya',    'UZ', 'Вилояти Сурхондарё',        'Сурхандарьинская область',              'Surxondaryo viloyati',              190),
    ('uz_jizzakh',         'UZ', 'Вилояти Ҷиззах',            'Джизакская область',                    'Jizzax viloyati',                   200),
    ('uz_syrdarya',        'UZ', 'Вилояти Сирдарё',           'Сырдарьинская область',                 'Sirdaryo viloyati',                 210),
    ('uz_navoi',           'UZ', 'Вилояти Навоӣ',             'Навоийская область',                    'Navoiy viloyati',                   220),
    ('uz_khorezm',         'UZ', 'Вилояти Хоразм',            'Хорезмская область',                    'Xorazm viloyati',                   230),
    ('uz_karakalpakstan',  'UZ', 'Ҷумҳурии Қароқалпоқистон',  'Республика Каракалпакстан',             'Qoraqalpogʻiston Respublikasi',     240);
