-- The texts migrants read from the database, honest and in the glossary's words (i18n/GLOSSARY.md): the privacy
-- notice names who receives the passenger lists, and the seeded texts are corrected where the glossary says so.
-- Append-only: once landed, change the schema or the seed in a new migration.

-- Who receives the passenger lists, named in the privacy notice. A setting of the programme rather than a catalog
-- text, as it changes with the route and the agreements. The notice reads "the lists are received by
-- <recipients>", so each is written in the nominative.
alter table operation_settings
    add column recipients_tg text check (char_length(recipients_tg) between 1 and 500),
    add column recipients_ru text check (char_length(recipients_ru) between 1 and 500),
    add column recipients_uz text check (char_length(recipients_uz) between 1 and 500);
update operation_settings set
    recipients_tg = 'сафоратҳо ва хадамоти сарҳадии Тоҷикистон, Ӯзбекистон ва Қазоқистон',
    recipients_ru = 'посольства и пограничные службы Таджикистана, Узбекистана и Казахстана',
    recipients_uz = 'Tojikiston, Oʻzbekiston va Qozogʻiston elchixonalari va chegara xizmatlari';
alter table operation_settings
    alter column recipients_tg set not null,
    alter column recipients_ru set not null,
    alter column recipients_uz set not null;

-- A programme, not an operation: to migrants in Russia "операция" suggests a police raid. The abbreviations
-- (МОМ, ТБМ, XMT) are spelt out. Each update changes a text only while it is still the one seeded, so a name the
-- staff have since set is kept.
update operation_settings set
    name_tg = 'Барномаи бозгашт ба Ватан (Созмони байналмилалии муҳоҷират ва ҳукуматҳои Тоҷикистон, Ӯзбекистон ва Қазоқистон)'
    where name_tg = 'Амалиёти бозгашт ба Ватан (ТБМ ва ҳукуматҳо)';
update operation_settings set
    name_ru = 'Программа возвращения домой (Международная организация по миграции и правительства Таджикистана, Узбекистана и Казахстана)'
    where name_ru = 'Операция по возвращению домой (МОМ и правительства)';
-- "Vatanga qaytarish" is sending someone back; "Vatanga qaytish" is going home.
update operation_settings set
    name_uz = 'Vatanga qaytish dasturi (Xalqaro migratsiya tashkiloti hamda Tojikiston, Oʻzbekiston va Qozogʻiston hukumatlari)'
    where name_uz = 'Vatanga qaytarish operatsiyasi (XMT va hukumatlar)';
