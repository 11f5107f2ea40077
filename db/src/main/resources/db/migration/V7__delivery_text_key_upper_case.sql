-- Catalog keys may end in an upper-case code (btn.sex.F, misc.country.KZ: the codes as stored elsewhere). The
-- first check allowed lower case only, so a message with such a key could be built but not queued.
alter table delivery_message drop constraint delivery_message_text_key_check;
alter table delivery_message add constraint delivery_message_text_key_check check (text_key ~ '^[A-Za-z0-9_.]+$');
