-- Durable delivery of messages nobody asked for at that moment: broadcasts, departure notices, reminders,
-- requirement changes. One row per (message, recipient), claimed by senders with FOR UPDATE SKIP LOCKED and a
-- lease, so that several Homeward instances on one database never send a row twice and a crashed sender's rows
-- are taken over once the lease expires.

-- A person who blocked the bot or whose account is deleted (Telegram answered 403) is not sent to again
-- until they write to the bot again (https://core.telegram.org/bots/api#making-requests).
alter table telegram_user
    add column unreachable_at     timestamptz,
    add column unreachable_reason text check (unreachable_reason in ('blocked', 'deactivated', 'forbidden')),
    add constraint unreachable_complete check ((unreachable_at is null) = (unreachable_reason is null));

-- What to send. The text is rendered in each recipient's language at send time: either a catalog key with
-- arguments, or staff-written text per language. No recipient data here.
create table delivery_message (
    id              bigint generated always as identity primary key,
    -- What caused the message (broadcast, departure, reminder, requirement, ...), for progress pages and metrics.
    kind            text not null check (kind ~ '^[a-z0-9_]{1,40}$'),
    text_key        text check (text_key ~ '^[a-z0-9_.]+$'),
    -- Named ICU arguments of text_key, as a JSON object.
    text_args       jsonb,
    text_tg         text check (char_length(text_tg) between 1 and 4096),
    text_ru         text check (char_length(text_ru) between 1 and 4096),
    text_uz         text check (char_length(text_uz) between 1 and 4096),
    -- Inline keyboard: rows of buttons, each with a label (key or text per language) and callback data or a URL.
    keyboard        jsonb,
    -- Sent with allow_paid_broadcast=true, above the free 30 messages/s (https://core.telegram.org/bots/api#sendmessage).
    paid_broadcast  boolean not null default false,
    state           text not null default 'active' check (state in ('active', 'paused', 'cancelled')),
    created_at      timestamptz not null default now(),
    constraint one_kind_of_text check ((text_key is null) <> (coalesce(text_tg, text_ru, text_uz) is null)),
    constraint args_need_key check (text_args is null or text_key is not null)
);

-- One recipient of one message.
create table delivery (
    id                  bigint generated always as identity primary key,
    message_id          bigint not null references delivery_message (id) on delete cascade,
    chat_id             bigint not null references telegram_user (chat_id) on delete cascade,
    status              text not null default 'queued'
                        check (status in ('queued', 'sending', 'sent', 'failed', 'skipped')),
    -- Send attempts whose outcome is known (a 429 is not an attempt: Telegram did not look at the message).
    tries               smallint not null default 0,
    next_try_at         timestamptz not null default now(),
    -- While status is 'sending': until when the claiming sender owns the row; after that anyone may take it.
    lease_until         timestamptz,
    telegram_message_id bigint,
    sent_at             timestamptz,
    -- Error code and Telegram's description (never message text or personal data).
    last_error          text check (char_length(last_error) <= 300),
    constraint lease_while_sending check ((status = 'sending') = (lease_until is not null)),
    unique (message_id, chat_id)
);
-- The claim: rows due to be sent, queued ones by their next try, sending ones by their lease.
create index delivery_due_idx on delivery ((case when status = 'sending' then lease_until else next_try_at end), id)
    where status in ('queued', 'sending');

-- Bucket4j's PostgreSQL backend: the bot-wide rate shared by every instance on this database
-- (https://bucket4j.com/8.14.0/toc.html#postgresql-integration).
create table delivery_rate_bucket (
    id          bigint primary key,
    state       bytea,
    expires_at  bigint
);
