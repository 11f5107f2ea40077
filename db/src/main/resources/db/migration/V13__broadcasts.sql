-- Broadcasts written by staff (issue 13), and staff linking their own Telegram account to receive test sends.
-- Append-only: once landed, change the schema in a new migration.

-- A member's own Telegram chat, linked by sending the bot a one-time code shown in the admin app; a test send of a
-- broadcast goes there. One chat belongs to one member at most.
alter table staff_account add column telegram_chat_id bigint unique;

-- A one-time link code. Only the SHA-256 of the code is kept: a copy of the database links no chat.
create table staff_link_code (
    code_hash   bytea primary key,
    account_id  bigint not null references staff_account (id) on delete cascade,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index staff_link_code_account_idx on staff_link_code (account_id);

-- One broadcast: the texts staff wrote, which written text each recipient language gets, the audience filter, who
-- wrote and who approved it, and where it stands. No recipient data here: recipients are the delivery rows of its
-- delivery message.
create table broadcast (
    id                   bigint generated always as identity primary key,
    text_tg              text check (char_length(text_tg) between 1 and 4096),
    text_ru              text check (char_length(text_ru) between 1 and 4096),
    text_uz              text check (char_length(text_uz) between 1 and 4096),
    -- The language plan: for recipients speaking tg, ru, uz, the language of the written text they get (people who
    -- never chose a language get what Russian speakers get).
    plan_tg              text not null check (plan_tg in ('tg', 'ru', 'uz')),
    plan_ru              text not null check (plan_ru in ('tg', 'ru', 'uz')),
    plan_uz              text not null check (plan_uz in ('tg', 'ru', 'uz')),
    -- The audience filter as JSON (places, destinations, statuses, needs, languages, departure, registered).
    audience             jsonb not null,
    author_id            bigint not null references staff_account (id),
    approver_id          bigint references staff_account (id),
    state                text not null default 'draft'
                         check (state in ('draft', 'awaiting_approval', 'scheduled', 'sent', 'cancelled', 'missed')),
    -- When it is to go; null: as soon as it may (now, or at approval).
    scheduled_at         timestamptz,
    -- The IANA zone staff typed the time in, to show it back the same way.
    scheduled_zone       text,
    -- How many it was counted for when last asked (request, approval) and, once sent, how many it was enqueued for.
    recipients           integer,
    delivery_message_id  bigint references delivery_message (id) on delete set null,
    version              integer not null default 1,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    approved_at          timestamptz,
    sent_at              timestamptz,
    constraint four_eyes check (approver_id is null or approver_id <> author_id),
    constraint some_text check (coalesce(text_tg, text_ru, text_uz) is not null)
);
create index broadcast_due_idx on broadcast (scheduled_at) where state = 'scheduled';
