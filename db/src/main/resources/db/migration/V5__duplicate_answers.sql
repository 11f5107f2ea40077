-- How often a chat was told today that a document or phone is already on someone else's registration. That answer
-- never names the other registration, but it still tells whether a number is registered, so a chat that asks too
-- often in one day is only given the hotline. Append-only: once landed, change the schema in a new migration.
alter table telegram_user
    add column duplicate_answers_on date,
    add column duplicate_answers    smallint not null default 0 check (duplicate_answers >= 0);
