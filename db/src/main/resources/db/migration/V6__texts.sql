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

-- The seeded places and requirements in the glossary's words.
-- «КПП» is an abbreviation not everyone reads; Tajik has no ы.
update location set name_ru = 'Пункт пропуска «Жибек Жолы»' where code = 'zhibek_zholy' and name_ru = 'КПП «Жибек Жолы»';
update location set name_tg = 'Гузаргоҳи «Жибек Жоли»' where code = 'zhibek_zholy' and name_tg = 'Гузаргоҳи «Жибек Жолы»';
-- The common name first, the official abbreviation after it.
update destination set name_tg = 'Бадахшон (ВМКБ)' where code = 'tj_gbao' and name_tg = 'ВМКБ (Бадахшон)';
update destination set name_ru = 'Бадахшан (ГБАО)' where code = 'tj_gbao' and name_ru = 'ГБАО (Бадахшан)';
update destination set name_uz = 'Badaxshon (TBMV)' where code = 'tj_gbao' and name_uz = 'TBMV (Badaxshon)';
-- The birth certificate as the glossary and the document buttons name it.
update requirement
    set text_uz = 'Pasport yoki qaytish uchun konsullik guvohnomasi. Bolalar uchun — tugʻilganlik guvohnomasi.'
    where code = 'identity_document'
      and text_uz = 'Pasport yoki qaytish uchun konsullik guvohnomasi. Bolalar uchun tugʻilganlik haqida guvohnoma.';
-- The 72 hours count back from entering Uzbekistan (the Uzbek text read "not before 72 hours", the other way
-- round); the test is named as people know it, the abbreviation after it ("ПЗР" said nothing). The question asks
-- whether the person can have the test taken in time, which is what staff need to know to help: the no answer is
-- told what to do.
update requirement set
    text_tg = 'Барои гузаштан аз Ӯзбекистон натиҷаи манфии санҷиши COVID-19 лозим аст: намуна аз бинӣ ва гулӯ (PCR). Санҷишро дар давоми 72 соат пеш аз даромадан ба Ӯзбекистон супоред.',
    text_ru = 'Для проезда через Узбекистан нужен отрицательный тест на COVID-19: мазок из носа и горла (ПЦР). Сдайте его не раньше чем за 72 часа до въезда в Узбекистан.',
    text_uz = 'Oʻzbekiston orqali oʻtish uchun COVID-19 testining manfiy natijasi kerak: burun va tomoqdan surtma (PZR). Testni Oʻzbekistonga kirishdan oldingi 72 soat ichida topshiring.',
    question_tg = 'Шумо метавонед дар давоми 72 соат пеш аз даромадан ба Ӯзбекистон санҷиши COVID-19 супоред?',
    question_ru = 'Сможете ли Вы сдать тест на COVID-19 не раньше чем за 72 часа до въезда в Узбекистан?',
    question_uz = 'Oʻzbekistonga kirishdan oldingi 72 soat ichida COVID-19 testini topshira olasizmi?'
    where code = 'covid_test_uz_transit'
      and text_ru = 'Для проезда через Узбекистан: отрицательный тест на COVID-19 (ПЦР), сделанный не раньше чем за 72 часа.';
