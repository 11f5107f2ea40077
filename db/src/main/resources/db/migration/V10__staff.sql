-- The admin web app's staff: accounts and roles, invitations, sessions, the failed-login limit and the audit
-- trail (issue 12). Append-only: once landed, change the schema in a new migration.

-- One member of staff. Roles: admin (manages accounts, reads the audit trail), staff (registrations, and later
-- broadcasts, departures, requirements), coordinator (registrations read-only, and later exports).
create table staff_account (
    id              bigint generated always as identity primary key,
    -- Stored lower-case, so one address cannot become two accounts.
    email           text not null unique check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+$'
                                                and char_length(email) <= 254),
    role            text not null check (role in ('admin', 'staff', 'coordinator')),
    -- The interface language the member chose: Russian or English.
    language        text not null default 'ru' check (language in ('ru', 'en')),
    -- A PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash); null until an invitation is accepted.
    password_hash   text,
    -- The TOTP secret (RFC 6238), Base32; null when no second factor is enrolled. Admins must enrol one.
    totp_secret     text,
    -- The last TOTP time step accepted, so a code cannot be used twice.
    totp_last_step  bigint,
    disabled_at     timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

-- A one-time link to set a password. Only the SHA-256 of the token is kept: a copy of the database opens no account.
create table staff_invite (
    token_hash  bytea primary key,
    account_id  bigint not null references staff_account (id) on delete cascade,
    created_by  bigint references staff_account (id) on delete set null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index staff_invite_account_idx on staff_invite (account_id);

-- A browser's session, kept here so it survives a restart and works on every instance. Only the SHA-256 of the
-- cookie's value is kept. A session with no account is a visitor's before login (it holds the login form's CSRF
-- token); stage says how far a login got: second_factor (password right, TOTP to check), enrol (an admin who
-- must set up TOTP first) or full.
create table staff_session (
    id_hash       bytea primary key,
    account_id    bigint references staff_account (id) on delete cascade,
    stage         text not null check (stage in ('anonymous', 'second_factor', 'enrol', 'full')),
    csrf_token    text not null,
    created_at    timestamptz not null,
    last_seen_at  timestamptz not null,
    constraint stage_has_account check ((stage = 'anonymous') = (account_id is null))
);
create index staff_session_account_idx on staff_session (account_id);
create index staff_session_seen_idx on staff_session (last_seen_at);

-- Failed logins per account ('account:' and the address typed) and per network address ('address:' and the IP),
-- shared by every instance. After a few failures each further attempt must wait, twice as long each time, up to
-- a short cap: a guesser is slowed a lot, the real member is never locked out for long.
create table login_throttle (
    key              text primary key,
    failures         integer not null,
    last_failure_at  timestamptz not null,
    blocked_until    timestamptz
);

-- Who did what, when, from where. Tamper-evident: each entry's hash is SHA-256 of the previous entry's hash and
-- this entry's canonical content (see the admin app's audit package), so an edited or removed entry breaks the
-- chain from there on. Written in the transaction of the change it records; never updated by the app.
create table audit_log (
    id           bigint generated always as identity primary key,
    at           timestamptz not null,
    -- The member who acted, when known; the email is kept as text too, so an entry reads the same later.
    actor_id     bigint references staff_account (id),
    actor_email  text,
    action       text not null,
    -- What the action was about, e.g. account:12.
    subject      text,
    detail       text,
    address      text,
    prev_hash    bytea not null,
    hash         bytea not null unique
);
create index audit_log_action_idx on audit_log (action, id);
create index audit_log_actor_idx on audit_log (actor_email, id);
