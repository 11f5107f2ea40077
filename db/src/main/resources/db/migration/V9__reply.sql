-- Durable replies (issue 10). What the conversation answers is written in the same transaction as the change it
-- answers, and that transaction also marks the update done: after a crash the stored reply is sent and the update
-- is never applied again. A row lives until Telegram has accepted it, then it is deleted with whatever personal
-- data its text held; one that Telegram refuses for good is deleted too. Sent right after the commit by the chat's
-- lane; the lease says who is sending it, so that another instance (or this one after a restart) takes over only
-- a row whose sender is gone.
create table reply (
    id          bigint generated always as identity primary key,
    chat_id     bigint not null,
    -- The Bot API method (https://core.telegram.org/bots/api#available-methods) and its JSON body as sent.
    method      text not null check (method ~ '^[a-zA-Z]{1,40}$'),
    body        text not null,
    -- message: an answer; question: an answer whose buttons belong to the chat's state (its message id is kept);
    -- tidy: a callback answer or a keyboard removal, tried briefly and dropped when refused; resume: the "sorry for
    -- the delay" and current question that replace answers which waited too long (never replaced themselves).
    kind        text not null check (kind in ('message', 'question', 'tidy', 'resume')),
    created_at  timestamptz not null default now(),
    -- Until when the sending lane owns the row; taken over only after it has passed.
    lease_until timestamptz not null,
    -- Attempts whose failure was transient (a 429 is not one: Telegram did not look at the message).
    tries       integer not null default 0,
    -- Status code and Telegram's description, or an exception type: never the text.
    last_error  text check (char_length(last_error) <= 300)
);
-- A chat's replies in order; what a lane sends before a newer turn's answers.
create index reply_chat_idx on reply (chat_id, id);
-- The sweep for rows whose sender is gone.
create index reply_lease_idx on reply (lease_until);
