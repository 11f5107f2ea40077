-- The transport's inbox: every update from Telegram is stored here before it is acknowledged
-- (before the next getUpdates offset, or before the webhook answers 200), so none is lost; the
-- primary key on update_id makes a redelivered update a no-op, so none is applied twice.
-- https://core.telegram.org/bots/api#getting-updates
create table inbox (
    update_id    bigint primary key,
    -- The chat the update belongs to (updates of one chat are handled one at a time, in order).
    chat_id      bigint,
    -- The update as received, kept until it is handled (and for a failed one, until the person deletes their
    -- data or the retention purge). It may hold personal data, so a done update keeps none.
    payload      jsonb,
    status       text not null default 'pending' check (status in ('pending', 'done', 'failed')),
    received_at  timestamptz not null default now(),
    handled_at   timestamptz,
    -- For a failed update: the exception type only (messages can carry personal data).
    error        text,
    constraint payload_while_pending check (status <> 'pending' or payload is not null)
);
create index inbox_pending_idx on inbox (update_id) where status = 'pending';
create index inbox_chat_idx on inbox (chat_id);
