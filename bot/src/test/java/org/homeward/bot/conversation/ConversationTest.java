package org.homeward.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.bot.conversation.Talk.assertSays;
import static org.homeward.bot.conversation.Talk.texts;
import static org.homeward.db.jooq.Tables.CONVERSATION;
import static org.homeward.db.jooq.Tables.DELETION_STATS;
import static org.homeward.db.jooq.Tables.DEPARTURE;
import static org.homeward.db.jooq.Tables.DEPARTURE_ASSIGNMENT;
import static org.homeward.db.jooq.Tables.DEPARTURE_DESTINATION;
import static org.homeward.db.jooq.Tables.DESTINATION;
import static org.homeward.db.jooq.Tables.LOCATION;
import static org.homeward.db.jooq.Tables.OPERATION_SETTINGS;
import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.REQUIREMENT;
import static org.homeward.db.jooq.Tables.REQUIREMENT_ANSWER;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;
import static org.homeward.db.jooq.Tables.TRAVELLER;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.homeward.bot.testing.BotFixture;
import org.homeward.db.Database;
import org.homeward.db.enums.DepartureAnswer;
import org.homeward.db.enums.RegistrationStatus;
import org.homeward.db.jooq.tables.records.RegistrationRecord;
import org.homeward.core.registrations.Validation;
import org.homeward.i18n.Language;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** The migrant's conversation end to end: real client, HTTP to a fake Bot API, real PostgreSQL. */
class ConversationTest {
    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    
    static BotFixture fixture;
    static Database db;
    static DSLContext dsl;
    static TelegramClient client;
    static Conversation conversation;
    static Talk.Driver driver;
    static final SimpleMeterRegistry METRICS = new SimpleMeterRegistry();

    @BeforeAll
    static void start() throws Exception {
        fixture = BotFixture.start();
        db = fixture.database();
        dsl = db.dsl();
        client = fixture.client();
        conversation = fixture.conversation(Clock.fixed(NOW, ZoneOffset.UTC));
        driver = new Talk.Driver(fixture, conversation);
        Metrics.addRegistry(METRICS);
    }

    @AfterAll
    static void stop() throws Exception {
        Metrics.removeRegistry(METRICS);
        fixture.close();
    }

    static Talk talk(Language language, String telegramLanguage) {
        driver.handler = conversation;
        return new Talk(driver, driver.bot.newUser("Test", telegramLanguage), language);
    }

    static int locationId(String code) {
        return dsl.select(LOCATION.ID).from(LOCATION).where(LOCATION.CODE.eq(code)).fetchSingle().value1();
    }

    static int destinationId(String code) {
        return dsl.select(DESTINATION.ID).from(DESTINATION).where(DESTINATION.CODE.eq(code)).fetchSingle().value1();
    }

    /** A destination's name in each language. */
    static String[] destinationNames(String code) {
        var d = dsl.selectFrom(DESTINATION).where(DESTINATION.CODE.eq(code)).fetchSingle();
        return new String[] {d.getNameTg(), d.getNameRu(), d.getNameUz()};
    }

    /** First contact up to the main menu, in {@code language}. */
    static void greet(Talk t, Language language) {
        var r = t.say("/start");
        assertThat(r.getFirst().callbackData()).hasSize(3).contains("LANGUAGE:tg", "LANGUAGE:ru", "LANGUAGE:uz");
        r = t.pressData("LANGUAGE:" + language.code());
        assertThat(r.stream().flatMap(c -> c.labels().stream())).contains(t.t("btn.consent.agree"), t.t("btn.consent.full"));
        r = t.press("btn.consent.agree");
        assertSays(r, t.t("consent.thanks"));
        assertThat(r.stream().flatMap(c -> c.labels().stream())).contains(t.t("btn.menu.register"), t.t("btn.menu.help"));
    }

    record Applicant(String name, String documentTyped, String documentStored, String phone, String member) {
        Applicant(String name, String documentTyped, String documentStored, String phone) {
            this(name, documentTyped, documentStored, phone, "Раҳимова Зарина");
        }
    }

    /** A whole registration with one family member, through buttons and typed answers. */
    static String register(Talk t, Applicant a) {
        toSummary(t, a);
        var r = t.press("btn.confirm");
        String done = texts(r);
        var code = java.util.regex.Pattern.compile("[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}").matcher(done);
        assertThat(code.find()).as(done).isTrue();
        return code.group();
    }

    /** The applicant's answers up to the phone question: a man of {@code citizenship} with a passport. */
    static List<Talk.Call> toPhone(Talk t, String name, String citizenship, String document) {
        assertSays(t.tap("btn.menu.register"), t.t("reg.name.ask"));
        assertSays(t.say(name), t.t("reg.birth.ask"));
        assertSays(t.say("08.03.1990"), t.t("reg.sex.ask"));
        assertSays(t.press("btn.sex.M"), t.t("reg.citizenship.ask"));
        assertSays(t.press("btn.citizenship." + citizenship), t.t("reg.doc_type.ask"));
        assertSays(t.press("btn.doc.passport"), t.t("reg.doc_number.ask"));
        return t.say(document);
    }

    /** Every answer of a registration with one family member, up to its summary. */
    static void toSummary(Talk t, Applicant a) {
        var r = toPhone(t, a.name(), "TJ", a.documentTyped());
        assertSays(r, t.t("reg.doc_number.saved", "masked", Validation.mask(a.documentStored())));
        assertSays(r, t.t("reg.phone.ask", "citizenship", "TJ"));
        t.person.contact(a.phone().substring(1), t.person.id);
        r = t.replies();
        assertSays(r, t.t("reg.phone.saved", "phone", a.phone()));
        assertSays(r, t.t("reg.location.ask"));
        // Shared location a few kilometres from the Zhibek Zholy crossing.
        t.person.location(41.39, 69.18);
        r = t.replies();
        assertSays(r, t.t("reg.destination.ask"));
        // The nearest known place is named, and the main menu replaces the share-location keyboard.
        assertThat(r.stream().flatMap(c -> c.labels().stream())).contains(t.t("btn.menu.help")).doesNotContain(t.t("btn.share_location"));
        assertThat(texts(t.pressData("REG_DESTINATION:" + destinationId("tj_sughd")))).containsAnyOf(destinationNames("tj_sughd"));
        assertSays(t.say("Истаравшан"), t.t("reg.family.ask", "count", 0));
        assertSays(t.press("btn.family.add"), t.t("reg.member.name.ask", "number", 1));
        t.say(a.member());
        t.say("01.06.2018");
        t.press("btn.sex.F");
        assertSays(t.press("btn.relation.child"), t.t("reg.family.ask", "count", 1));
        assertSays(t.press("btn.done"), t.t("reg.needs.ask"));
        r = t.press("btn.need.pregnancy");
        assertThat(r).anyMatch(c -> c.method().equals("editmessagereplymarkup")
                && c.labels().contains("✓ " + t.t("btn.need.pregnancy")));
        r = t.press("btn.done");
        assertSays(r, t.t("reg.summary.member", "number", 1, "name", a.member(), "birth", "01.06.2018",
                "sex", t.t("btn.sex.F"), "relation", t.t("btn.relation.child")));
        assertThat(texts(r)).contains(Validation.mask(a.documentStored())).doesNotContain(a.documentStored());
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void fullRegistrationWithFamilyInEachLanguage(Language language) {
        Talk t = talk(language, language.code());
        greet(t, language);
        String doc = "A" + (1000000 + language.ordinal());
        String phone = "+99290123450" + language.ordinal();
        String code = register(t, new Applicant("Раҳимов Ҷамшед", "a " + doc.substring(1), doc, phone));

        RegistrationRecord r = dsl.selectFrom(REGISTRATION).where(REGISTRATION.CODE.eq(code)).fetchSingle();
        assertThat(r.getStatus()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(r.getChatId()).isEqualTo(t.person.id);
        assertThat(r.getPhone()).isEqualTo(phone);
        assertThat(r.getLocationId()).isEqualTo(locationId("zhibek_zholy"));
        assertThat(r.getDestinationId()).isEqualTo(destinationId("tj_sughd"));
        assertThat(r.getDestinationDistrict()).isEqualTo("Истаравшан");
        assertThat(r.getNeeds()).containsExactly("pregnancy");
        var travellers = dsl.selectFrom(TRAVELLER).where(TRAVELLER.REGISTRATION_ID.eq(r.getId())).orderBy(TRAVELLER.POSITION).fetch();
        assertThat(travellers).hasSize(2);
        assertThat(travellers.get(0).getDocumentNumber()).isEqualTo(doc);
        assertThat(travellers.get(0).getCitizenship()).isEqualTo("TJ");
        assertThat(travellers.get(1).getRelation()).isEqualTo("child");
        assertThat(travellers.get(1).getSex()).isEqualTo("F");
        assertThat(dsl.fetchValue(TELEGRAM_USER.LANGUAGE, TELEGRAM_USER.CHAT_ID.eq(t.person.id))).isEqualTo(language.code());
        // The route from Kazakhstan to Tajikistan passes Uzbekistan: the COVID test question is asked after confirming.
        assertThat(driver.calls()).anyMatch(c -> c.chatId() == t.person.id && c.callbackData().stream().anyMatch(d -> d.startsWith("g:rq:")));
        // The passport number never appears in anything the bot sent.
        assertThat(driver.calls()).noneMatch(c -> c.params().toString().contains(doc));
        // The menu now says "My registration".
        assertThat(t.tap("btn.menu.myreg").stream().flatMap(c -> c.labels().stream())).contains(t.t("btn.mydata.edit"));
    }

    /**
     * A phone typed without its country code: Tajik and Uzbek mobile numbers are both 9 digits, so the code is the
     * applicant's citizenship's, and the number saved is shown back in full. Too few digits to hold any code (a
     * Russian number without its 8) are refused with the codes to choose from. The example is the person's country's.
     */
    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"UZ", "RU"})
    void aPhoneWithoutItsCountryCodeTakesTheCitizenshipsCode(Language language) {
        // An Uzbek citizen writing in Uzbek; a Tajik one writing in Russian.
        String citizenship = language == Language.UZ ? "UZ" : "TJ";
        String code = language == Language.UZ ? "+998" : "+992";
        Talk t = talk(language, language.code());
        greet(t, language);
        var r = toPhone(t, "Xolmatov Aziz", citizenship, "PHN" + (5500 + language.ordinal()));
        assertSays(r, t.t("reg.phone.ask", "citizenship", citizenship));
        assertSays(r, code + " 90 123 45 67");

        assertSays(t.say("916 123 45 67"), t.t("reg.phone.invalid"));
        String phone = code + "93555170" + language.ordinal();
        r = t.say("93 555 17 0" + language.ordinal());
        assertSays(r, t.t("reg.phone.saved", "phone", phone));
        assertSays(r, t.t("reg.location.ask"));
        assertThat(dsl.fetchValue(CONVERSATION.DRAFT, CONVERSATION.CHAT_ID.eq(t.person.id)).data()).contains(phone);
    }

    /** With a citizenship that does not tell the country code, a number without one is refused, not guessed. */
    @Test
    void aPhoneWithoutItsCountryCodeIsRefusedWhenTheCitizenshipDoesNotTellIt() {
        Talk t = talk(Language.TG, "tg");
        greet(t, Language.TG);
        var r = toPhone(t, "Абдуллоев Карим", "XX", "PHN5599");
        assertSays(r, t.t("reg.phone.ask", "citizenship", "XX"));
        assertSays(t.say("93 555 17 99"), t.t("reg.phone.invalid"));
        assertThat(dsl.fetchValue(CONVERSATION.DRAFT, CONVERSATION.CHAT_ID.eq(t.person.id)).data()).doesNotContain("935551799");
        r = t.say("+996 555 17 99 00");
        assertSays(r, t.t("reg.phone.saved", "phone", "+996555179900"));
    }

    /**
     * Help names the menu's buttons as the menu under it shows them ("My registration" once registered); a family
     * member's line and the needs read in the same order in every language (the needs in the buttons' order, not
     * the order pressed); the district question gives no example from another region.
     */
    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"TG", "RU"})
    void helpAndTheSummaryReadAlikeInEveryLanguage(Language language) {
        Talk t = talk(language, language.code());
        greet(t, language);
        assertHelpNamesTheMenuUnderIt(t.tap("btn.menu.help"), t.t("btn.menu.register"));

        toPhone(t, "Назаров Далер", "TJ", "HLP" + (6600 + language.ordinal()));
        t.person.contact("99293888020" + language.ordinal(), t.person.id);
        t.replies();
        t.pressData("REG_LOCATION:" + locationId("almaty"));
        var r = t.pressData("REG_DESTINATION:" + destinationId("tj_khatlon"));
        assertThat(texts(r)).containsAnyOf(destinationNames("tj_khatlon"));
        assertThat(texts(r)).doesNotContain("Истаравшан");
        t.say("Бохтар");
        t.press("btn.family.add");
        t.say("Назарова Мадина");
        t.say("03.04.2016");
        t.press("btn.sex.F");
        t.press("btn.relation.child");
        t.press("btn.done");
        t.press("btn.need.no_shelter");
        t.press("btn.need.pregnancy");
        r = t.press("btn.done");
        assertSays(r, "Назарова Мадина (" + t.t("btn.relation.child") + "), 03.04.2016, " + t.t("btn.sex.F"));
        assertSays(r, t.t("btn.need.pregnancy") + ", " + t.t("btn.need.no_shelter"));
        t.press("btn.confirm");

        assertHelpNamesTheMenuUnderIt(t.tap("btn.menu.help"), t.t("btn.menu.myreg"));
    }

    private static void assertHelpNamesTheMenuUnderIt(List<Talk.Call> help, String registrationButton) {
        Talk.Call call = help.stream().filter(c -> !c.labels().isEmpty()).findFirst().orElseThrow();
        assertThat(call.labels()).contains(registrationButton);
        for (String label : call.labels()) {
            assertThat(call.text()).as("help names the button " + label).contains(label);
        }
    }

    /** One more family member than allowed: the hotline's number to call, and in Russian the count's plural. */
    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"RU", "UZ"})
    void aFamilyLargerThanAllowedIsGivenTheHotlineNumber(Language language) {
        Talk t = talk(language, language.code());
        driver.handler = new Conversation(Clock.fixed(NOW, ZoneOffset.UTC), new Conversation.Settings(1, 3));
        greet(t, language);
        toPhone(t, "Олимов Фаррух", "TJ", "FAM" + (7100 + language.ordinal()));
        t.person.contact("99293777010" + language.ordinal(), t.person.id);
        t.replies();
        t.pressData("REG_LOCATION:" + locationId("almaty"));
        t.pressData("REG_DESTINATION:" + destinationId("tj_khatlon"));
        t.say("Бохтар");
        t.press("btn.family.add");
        t.say("Олимова Нигина");
        t.say("02.02.2015");
        t.press("btn.sex.F");
        t.press("btn.relation.child");

        var r = t.press("btn.family.another");
        String hotline = dsl.fetchValue(OPERATION_SETTINGS.HOTLINE_PHONE);
        assertSays(r, t.t("reg.family.full", "count", 1, "hotline", hotline));
        assertSays(r, hotline);
        if (language == Language.RU) {
            assertSays(r, "не больше 1 члена семьи");
        }
        // The one member allowed is kept, and the registration goes on.
        assertSays(r, t.t("reg.needs.ask"));
        assertThat(dsl.fetchValue(CONVERSATION.DRAFT, CONVERSATION.CHAT_ID.eq(t.person.id)).data()).contains("Олимова Нигина");
    }

    @Test
    void everyWrongAnswerIsAskedAgainWithAnExample() {
        Talk t = talk(Language.RU, "ru");
        greet(t, Language.RU);
        t.tap("btn.menu.register");
        assertSays(t.say("12345"), t.t("reg.name.invalid"));
        assertSays(t.say("x"), t.t("reg.name.invalid"));
        t.say("Иванов Иван");
        assertSays(t.say("31.02.1990"), t.t("reg.birth.invalid"));
        assertSays(t.say("01.01.2099"), t.t("reg.birth.future"));
        assertSays(t.say("01.01.1890"), t.t("reg.birth.invalid"));
        assertSays(t.say("вчера"), t.t("reg.birth.invalid"));
        t.say("1/2/1985");
        var r = t.say("мужчина");
        assertSays(r, t.t("misc.use_buttons"));
        assertSays(r, t.t("reg.sex.ask"));
        t.press("btn.sex.M");
        assertSays(t.say("Таджикистан"), t.t("misc.use_buttons"));
        t.press("btn.citizenship.UZ");
        assertSays(t.say("паспорт"), t.t("misc.use_buttons"));
        t.press("btn.doc.id_card");
        assertSays(t.say("AB"), t.t("reg.doc_number.invalid"));
        assertSays(t.say("AB#12345"), t.t("reg.doc_number.invalid"));
        t.say("AD 7654321");
        assertSays(t.say("12345"), t.t("reg.phone.invalid"));
        t.person.contact("+79161234567", 999);
        assertSays(t.replies(), t.t("reg.phone.not_own"));
        assertSays(t.say("8 (916) 765-43-21"), t.t("reg.location.ask"));
        assertSays(t.say("1"), t.t("reg.location.invalid"));
        // Far from every known place: the person is asked to type it.
        t.person.location(-33.9, 151.2);
        assertSays(t.replies(), t.t("reg.location.far"));
        assertSays(t.say("#"), t.t("reg.location_other.invalid"));
        assertSays(t.say("Туркестан"), t.t("reg.destination.ask"));
        assertSays(t.say("Марс"), t.t("misc.use_buttons"));
        t.pressData("REG_DESTINATION:" + destinationId("uz_fergana"));
        assertSays(t.say("!"), t.t("reg.district.invalid"));
        t.say("Коканд");
        assertSays(t.say("нет"), t.t("misc.use_buttons"));
        t.press("btn.family.add");
        assertSays(t.say("7"), t.t("reg.name.invalid"));
        t.say("Иванова Мария");
        assertSays(t.say("32.13.2000"), t.t("reg.birth.invalid"));
        t.say("2000-05-05");
        assertSays(t.say("ж"), t.t("misc.use_buttons"));
        t.press("btn.sex.F");
        assertSays(t.say("жена"), t.t("misc.use_buttons"));
        t.press("btn.relation.spouse");
        t.press("btn.done");
        assertSays(t.say("ничего"), t.t("misc.use_buttons"));
        var summary = t.press("btn.done");
        assertSays(summary, "Туркестан");
        assertSays(summary, "+79167654321");
        // Correct one field from the summary: back to the summary right after.
        assertSays(t.press("btn.edit.name"), t.t("reg.name.ask"));
        assertSays(t.say("Петров Пётр"), "Петров Пётр");
        assertSays(t.say("ещё текст"), t.t("misc.use_buttons"));
        t.press("btn.confirm");
        var r2 = dsl.selectFrom(REGISTRATION).where(REGISTRATION.CHAT_ID.eq(t.person.id)).fetchSingle();
        assertThat(r2.getLocationOther()).isEqualTo("Туркестан");
        assertThat(r2.getLocationId()).isNull();
        assertThat(dsl.fetchValue(TRAVELLER.FULL_NAME, TRAVELLER.REGISTRATION_ID.eq(r2.getId()).and(TRAVELLER.POSITION.eq(0))))
                .isEqualTo("Петров Пётр");
        assertThat(dsl.fetchValue(TRAVELLER.BIRTH_DATE, TRAVELLER.REGISTRATION_ID.eq(r2.getId()).and(TRAVELLER.POSITION.eq(0))))
                .hasToString("1985-02-01");
    }

    /**
     * Another person typing someone's passport (however written) or phone is told only that it is taken, never the
     * registration's number or status, keeps their answers, and after a few such answers a day gets only the hotline.
     */
    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"TG", "RU"})
    void anotherPersonsDocumentOrPhoneIsNeverRevealed(Language language) {
        String n = language == Language.TG ? "1" : "2";
        Talk first = talk(language, language.code());
        greet(first, language);
        String code = register(first, new Applicant("Саидов Алишер", "A" + n + "234567", "A" + n + "234567", "+99293555000" + n));
        String hotline = dsl.fetchValue(OPERATION_SETTINGS.HOTLINE_PHONE);
        String taken = first.t("reg.duplicate.taken", "hotline", hotline);

        Talk other = talk(language, language.code());
        greet(other, language);
        other.tap("btn.menu.register");
        other.say("Каримов Бахтиёр");
        other.say("08.03.1991");
        other.press("btn.sex.M");
        other.press("btn.citizenship.TJ");
        other.press("btn.doc.passport");
        // Lower case with spaces, and in Cyrillic letters: the same passport.
        for (String typed : List.of("a " + n + "23 4567", "А" + n + "234567")) {
            var r = other.say(typed);
            assertSays(r, taken);
            assertThat(texts(r)).doesNotContain(code);
        }
        // The question stays, the answers so far are kept.
        assertSays(other.say("B" + n + "999888"), other.t("reg.phone.ask", "citizenship", "TJ"));
        other.person.contact("99293555000" + n, other.person.id);
        var r = other.replies();
        assertSays(r, taken);
        assertThat(texts(r)).doesNotContain(code);
        // A fourth such answer today: only the hotline, the answers still kept for later.
        r = other.say("+99293555000" + n);
        assertSays(r, other.t("reg.duplicate.limit", "hotline", hotline));
        assertThat(texts(r)).doesNotContain(code);
        assertThat(dsl.fetchCount(REGISTRATION, REGISTRATION.CHAT_ID.eq(other.person.id))).isZero();
        r = other.tap("btn.menu.register");
        assertSays(r, other.t("reg.resume"));
        assertSays(r, other.t("reg.phone.ask", "citizenship", "TJ"));
        assertThat(dsl.fetchValue(CONVERSATION.DRAFT, CONVERSATION.CHAT_ID.eq(other.person.id)).data())
                .contains("Каримов Бахтиёр", "B" + n + "999888");
        assertThat(METRICS.find("homeward.registration.duplicates_of_others").counter().count()).isPositive();

        // The owner pressing Register is shown their own registration, not a new form.
        r = first.tap("btn.menu.myreg");
        assertSays(r, code);
        assertThat(dsl.fetchCount(REGISTRATION, REGISTRATION.CHAT_ID.eq(first.person.id))).isEqualTo(1);
    }

    /** Issue 11, item 4: a duplicate typed from the summary's edit button used to throw the whole draft away. */
    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"RU", "UZ"})
    void aDuplicateEnteredFromTheSummarysEditButtonKeepsTheDraft(Language language) {
        int n = language.ordinal();
        Talk first = talk(language, language.code());
        greet(first, language);
        String code = register(first, new Applicant("Hasanov Anvar", "E" + n + "111111", "E" + n + "111111", "+99890555000" + n));
        Talk second = talk(language, language.code());
        greet(second, language);
        toSummary(second, new Applicant("Hasanova Dilnoza", "E" + n + "222222", "E" + n + "222222", "+99890555100" + n));

        second.press("btn.edit.phone");
        var r = second.say("+99890555000" + n);
        assertSays(r, second.t("reg.duplicate.taken", "hotline", dsl.fetchValue(OPERATION_SETTINGS.HOTLINE_PHONE)));
        assertThat(texts(r)).doesNotContain(code);
        r = second.say("+99890555200" + n);
        assertSays(r, second.t("reg.summary", "details", "").split("\n")[0]);
        // Everything answered before is still there, the family member too.
        assertThat(texts(r)).contains("Hasanova Dilnoza", "+99890555200" + n, "Раҳимова Зарина");
    }

    @Test
    void aDuplicateFoundOnlyAtConfirmationAsksForThatAnswerAgainAndKeepsTheRest() {
        Talk second = talk(Language.UZ, "uz");
        greet(second, Language.UZ);
        toSummary(second, new Applicant("Aliyev Sardor", "C7654321", "C7654321", "+998901234567"));
        // Meanwhile someone else confirms with the same phone.
        Talk first = talk(Language.UZ, "uz");
        greet(first, Language.UZ);
        String code = register(first, new Applicant("Aliyev Jasur", "C1234567", "C1234567", "+998901234567"));

        var r = second.press("btn.confirm");
        assertSays(r, second.t("reg.duplicate.taken", "hotline", dsl.fetchValue(OPERATION_SETTINGS.HOTLINE_PHONE)));
        assertSays(r, second.t("reg.phone.ask", "citizenship", "TJ"));
        assertThat(texts(r)).doesNotContain(code);
        second.person.contact("998901234569", second.person.id);
        r = second.replies();
        assertThat(texts(r)).contains("Aliyev Sardor", "+998901234569");
        r = second.press("btn.confirm");
        assertThat(texts(r)).doesNotContain(code);
        assertThat(dsl.fetchValue(REGISTRATION.PHONE, REGISTRATION.CHAT_ID.eq(second.person.id))).isEqualTo("+998901234569");
    }

    @Test
    void anOldLanguageButtonInTheMiddleOfTheRegistrationKeepsTheAnswersAndTheQuestion() {
        Talk t = talk(Language.RU, "ru");
        greet(t, Language.RU);
        t.tap("btn.menu.register");
        t.say("Каримов Бобур Алиевич");
        var r = t.pressData("LANGUAGE:uz");
        Talk uz = new Talk(driver, t.user, Language.UZ);
        assertSays(r, uz.t("lang.changed"));
        assertSays(r, uz.t("reg.birth.ask"));
        assertSays(uz.say("15.7.1988"), uz.t("reg.sex.ask"));
        assertThat(dsl.fetchValue(CONVERSATION.DRAFT, CONVERSATION.CHAT_ID.eq(t.person.id)).data())
                .contains("Каримов Бобур Алиевич", "1988-07-15");
    }

    @Test
    void aRestartInTheMiddleResumesWhereThePersonLeftOff() {
        Talk t = talk(Language.UZ, "uz");
        greet(t, Language.UZ);
        t.tap("btn.menu.register");
        t.say("Karimov Bobur");
        t.say("15.7.1988");
        // The process restarts: a new Conversation on the same database.
        Conversation restarted = new Conversation(Clock.fixed(NOW.plusSeconds(86_400 * 3), ZoneOffset.UTC));
        driver.handler = restarted;
        var r = t.press("btn.sex.M");
        assertSays(r, t.t("reg.citizenship.ask"));
        // The menu in the middle, then back: the registration continues at the same question.
        t.tap("btn.menu.help");
        r = t.tap("btn.menu.register");
        assertSays(r, t.t("reg.resume"));
        assertSays(r, t.t("reg.citizenship.ask"));
        var saved = dsl.selectFrom(CONVERSATION).where(CONVERSATION.CHAT_ID.eq(t.person.id)).fetchSingle();
        assertThat(saved.getState()).isEqualTo("REG_CITIZENSHIP");
        assertThat(saved.getDraft().data()).contains("Karimov Bobur", "1988-07-15");
        // /cancel works from anywhere and throws the draft away.
        assertSays(t.say("/cancel"), t.t("misc.cancelled_registration"));
        assertThat(dsl.fetchValue(CONVERSATION.DRAFT, CONVERSATION.CHAT_ID.eq(t.person.id)).data()).doesNotContain("Karimov");
    }

    @Test
    void deletingMyDataLeavesNothingPersonalInAnyTable() throws Exception {
        Talk t = talk(Language.RU, "ru");
        greet(t, Language.RU);
        String name = "Удалов Степан";
        String doc = "DEL5554443";
        String phone = "+992907770011";
        String member = "Удалова Ксения";
        String code = register(t, new Applicant(name, doc, doc, phone, member));
        long regId = dsl.fetchValue(REGISTRATION.ID, REGISTRATION.CODE.eq(code));
        int covid = dsl.fetchValue(REQUIREMENT.ID, REQUIREMENT.CODE.eq("covid_test_uz_transit"));
        t.pressData("g:rq:" + covid + ":n");
        assertThat(dsl.fetchCount(REQUIREMENT_ANSWER, REQUIREMENT_ANSWER.REGISTRATION_ID.eq(regId))).isEqualTo(1);
        long departure = departure("zhibek_zholy", "tj_sughd", NOW.plusSeconds(2 * 86_400));
        dsl.insertInto(DEPARTURE_ASSIGNMENT).set(DEPARTURE_ASSIGNMENT.REGISTRATION_ID, regId)
                .set(DEPARTURE_ASSIGNMENT.DEPARTURE_ID, departure).execute();

        // What the transport keeps of this chat: a handled update, and a failed one with its content.
        dsl.execute("insert into inbox (update_id, chat_id, payload, status) values (990001, ?, null, 'done'), "
                + "(990002, ?, ?::jsonb, 'failed')", t.person.id, t.person.id,
                "{\"message\": {\"text\": \"" + doc + "\"}}");

        var r = t.tap("btn.menu.mydata");
        assertSays(r, name);
        assertSays(r, Validation.mask(doc));
        assertThat(texts(r)).doesNotContain(doc);
        assertSays(t.press("btn.mydata.delete"), t.t("mydata.delete.ask"));
        assertSays(t.press("btn.delete.yes"), t.t("mydata.deleted"));

        // Every table of the schema, every column as text: no trace of the person.
        List<String> found = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("telegram_user", "conversation", "registration", "traveller", "requirement_answer",
                    "inbox");
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("select t::text from \"" + table + "\" t")) {
                    while (rs.next()) {
                        String row = rs.getString(1);
                        for (String needle : List.of(name, member, doc, phone.substring(1), code, String.valueOf(t.person.id))) {
                            if (row.contains(needle)) {
                                found.add(table + ": " + needle);
                            }
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
        assertThat(dsl.fetchValue(DELETION_STATS.COUNT, DELETION_STATS.DAY.eq(java.time.LocalDate.of(2026, 11, 22)))).isGreaterThanOrEqualTo(1);
        // Writing again starts afresh, with the language question.
        assertThat(t.say("/start").getFirst().callbackData()).contains("LANGUAGE:ru");
    }

    @Test
    void aConfirmedRegistrationIsCorrectedFromMyData() {
        Talk t = talk(Language.UZ, "uz");
        greet(t, Language.UZ);
        String code = register(t, new Applicant("Yusupov Anvar", "FIX77001", "FIX77001", "+998901112233", "Yusupova Malika"));
        long regId = dsl.fetchValue(REGISTRATION.ID, REGISTRATION.CODE.eq(code));
        var r = t.tap("btn.menu.mydata");
        assertSays(r, code);
        assertSays(r, "Yusupova Malika");
        r = t.press("btn.mydata.edit");
        assertThat(r.stream().flatMap(c -> c.labels().stream())).contains(t.t("btn.save"));
        t.press("btn.edit.phone");
        assertSays(t.say("+998 90 111 22 44"), t.t("reg.phone.noted", "phone", "+998901112244"));
        t.press("btn.edit.document");
        t.press("btn.doc.id_card");
        r = t.say("AD 1234567");
        assertSays(r, "•••••567");
        assertThat(texts(r)).doesNotContain("AD1234567");
        assertSays(t.press("btn.save"), t.t("mydata.updated"));
        RegistrationRecord stored = dsl.selectFrom(REGISTRATION).where(REGISTRATION.ID.eq(regId)).fetchSingle();
        assertThat(stored.getCode()).isEqualTo(code);
        assertThat(stored.getPhone()).isEqualTo("+998901112244");
        assertThat(dsl.fetchValue(TRAVELLER.DOCUMENT_NUMBER, TRAVELLER.REGISTRATION_ID.eq(regId).and(TRAVELLER.POSITION.eq(0))))
                .isEqualTo("AD1234567");
        assertThat(dsl.fetchCount(TRAVELLER, TRAVELLER.REGISTRATION_ID.eq(regId))).isEqualTo(2);
        assertThat(dsl.fetchCount(REGISTRATION, REGISTRATION.CHAT_ID.eq(t.person.id))).isEqualTo(1);
        assertThat(driver.calls()).noneMatch(c -> c.params().toString().contains("AD1234567") || c.params().toString().contains("FIX77001"));
    }

    @Test
    void manyChatsRegisterInParallel() throws Exception {
        // The transport runs chats in parallel, one update at a time per chat: so do these threads.
        int people = 12;
        List<Talk> talks = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            talks.add(talk(Language.RU, "ru"));
        }
        Talk.Driver parallel = new Talk.Driver(fixture, conversation);
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i < people; i++) {
            long chat = talks.get(i).person.id;
            String phone = "+99291000" + String.format("%04d", i);
            String doc = "PAR" + (100000 + i);
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    for (String json : ParallelScript.steps(chat, phone, doc, destinationId("tj_khatlon"), locationId("almaty"))) {
                        fixture.direct(conversation).handleDirectly(
                                Talk.JSON.readValue(json, org.telegram.telegrambots.meta.api.objects.Update.class));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        assertThat(dsl.fetchCount(REGISTRATION, REGISTRATION.PHONE.like("+99291000%").and(REGISTRATION.STATUS.eq(RegistrationStatus.CONFIRMED))))
                .isEqualTo(people);
        assertThat(dsl.fetchCount(dsl.selectDistinct(REGISTRATION.CODE).from(REGISTRATION).where(REGISTRATION.PHONE.like("+99291000%"))))
                .isEqualTo(people);
    }

    static long departure(String from, String to, Instant when) {
        long id = dsl.insertInto(DEPARTURE)
                .set(DEPARTURE.LOCATION_ID, locationId(from))
                .set(DEPARTURE.DEPARTS_AT, when)
                .set(DEPARTURE.MEETING_POINT_TG, "Дар назди бинои гумрук, дарвозаи 2")
                .set(DEPARTURE.MEETING_POINT_RU, "У здания таможни, ворота 2")
                .set(DEPARTURE.MEETING_POINT_UZ, "Bojxona binosi oldida, 2-darvoza")
                .set(DEPARTURE.MEETING_LATITUDE, 41.3690)
                .set(DEPARTURE.MEETING_LONGITUDE, 69.2050)
                .set(DEPARTURE.BRING_TG, "Шиноснома, об, хӯрок")
                .set(DEPARTURE.BRING_RU, "Паспорт, вода, еда")
                .set(DEPARTURE.BRING_UZ, "Pasport, suv, ovqat")
                .set(DEPARTURE.SEATS, 50)
                .returning(DEPARTURE.ID).fetchSingle().getId();
        dsl.insertInto(DEPARTURE_DESTINATION).set(DEPARTURE_DESTINATION.DEPARTURE_ID, id)
                .set(DEPARTURE_DESTINATION.DESTINATION_ID, destinationId(to)).execute();
        return id;
    }

    @Test
    void departuresRequirementsAndHelp() {
        Talk t = talk(Language.TG, "tg");
        greet(t, Language.TG);
        String code = register(t, new Applicant("Назаров Фарҳод", "DEP1234", "DEP1234", "+992918880022"));
        long regId = dsl.fetchValue(REGISTRATION.ID, REGISTRATION.CODE.eq(code));
        long dep = departure("zhibek_zholy", "tj_sughd", Instant.parse("2026-11-24T03:30:00Z"));

        // Not assigned yet: the status and the next departures toward Sughd.
        var r = t.tap("btn.menu.departure");
        assertSays(r, code);
        assertSays(r, t.t("dep.next.header"));
        assertSays(r, "08:30"); // 03:30 UTC in Asia/Almaty (UTC+5 since 2024)

        dsl.insertInto(DEPARTURE_ASSIGNMENT).set(DEPARTURE_ASSIGNMENT.REGISTRATION_ID, regId)
                .set(DEPARTURE_ASSIGNMENT.DEPARTURE_ID, dep).execute();
        r = t.tap("btn.menu.departure");
        assertSays(r, "Дар назди бинои гумрук");
        assertSays(r, "сешанбе, 24 ноябри 2026, соати 08:30");
        assertThat(r).anyMatch(c -> c.method().equals("sendlocation") && c.params().path("latitude").asDouble() == 41.369);
        // The answer: a toast on the button at once, and the notice edited in place, its buttons gone, no new message.
        r = t.pressData("g:dep:" + dep + ":y");
        assertThat(r).anyMatch(c -> c.method().equals("answercallbackquery")
                && c.params().path("text").asText().equals(t.t("dep.toast.coming")));
        assertThat(r).anyMatch(c -> c.method().equals("editmessagetext") && c.text().endsWith(t.t("dep.answer.coming"))
                && c.text().contains("Дар назди бинои гумрук") && c.params().path("reply_markup").isMissingNode());
        assertThat(r).noneMatch(c -> c.method().equals("sendmessage"));
        assertThat(dsl.fetchValue(DEPARTURE_ASSIGNMENT.ANSWER, DEPARTURE_ASSIGNMENT.REGISTRATION_ID.eq(regId))).isEqualTo(DepartureAnswer.CONFIRMED);
        // A second press on a copy still showing the buttons (an app not yet refreshed) changes nothing more.
        var notice = t.user.received().stream().filter(m -> m.text() != null && m.text().endsWith(t.t("dep.answer.coming")))
                .reduce((a, b) -> b).orElseThrow();
        t.user.pressButton(notice.messageId(), "g:dep:" + dep + ":y");
        assertThat(t.replies()).noneMatch(c -> c.method().equals("editmessagetext") || c.method().equals("sendmessage"));
        // Changing one's mind: the departure from the menu again, with its buttons.
        t.tap("btn.menu.departure");
        t.pressData("g:dep:" + dep + ":n");
        assertThat(dsl.fetchValue(DEPARTURE_ASSIGNMENT.ANSWER, DEPARTURE_ASSIGNMENT.REGISTRATION_ID.eq(regId))).isEqualTo(DepartureAnswer.CANNOT_COME);
        // Once the bus is marked gone, the departure shows without buttons: an answer would change nothing.
        dsl.update(DEPARTURE).set(DEPARTURE.STATUS, org.homeward.db.enums.DepartureStatus.DEPARTED).where(DEPARTURE.ID.eq(dep)).execute();
        r = t.tap("btn.menu.departure");
        assertSays(r, "Дар назди бинои гумрук");
        assertThat(r).noneMatch(c -> c.params().path("reply_markup").path("inline_keyboard").isArray());
        dsl.update(DEPARTURE).set(DEPARTURE.STATUS, org.homeward.db.enums.DepartureStatus.PLANNED).where(DEPARTURE.ID.eq(dep)).execute();

        // Requirements for the route, from the database, in Tajik; the yes/no answer is stored.
        r = t.tap("btn.menu.requirements");
        assertSays(r, "72 соат");
        assertSays(r, "20 кг");
        int covid = dsl.fetchValue(REQUIREMENT.ID, REQUIREMENT.CODE.eq("covid_test_uz_transit"));
        r = t.pressData("g:rq:" + covid + ":y");
        assertThat(r).anyMatch(c -> c.method().equals("editmessagetext") && c.text().endsWith(t.t("req.answer.yes")));
        assertThat(r).anyMatch(c -> c.method().equals("answercallbackquery")
                && c.params().path("text").asText().equals(t.t("req.toast.yes")));
        assertThat(dsl.fetchValue(REQUIREMENT_ANSWER.ANSWER, REQUIREMENT_ANSWER.REGISTRATION_ID.eq(regId))).isTrue();

        r = t.tap("btn.menu.help");
        assertSays(r, "+992446000000");

        // Cancelling the registration frees the passport for a new one.
        t.tap("btn.menu.myreg");
        t.press("btn.mydata.cancel");
        assertSays(t.press("btn.cancel_registration.yes"), t.t("mydata.cancelled", "code", code));
        assertThat(dsl.fetchValue(REGISTRATION.STATUS, REGISTRATION.ID.eq(regId))).isEqualTo(RegistrationStatus.CANCELLED);
        assertThat(dsl.fetchCount(DEPARTURE_ASSIGNMENT, DEPARTURE_ASSIGNMENT.REGISTRATION_ID.eq(regId))).isZero();
        String again = register(t, new Applicant("Назаров Фарҳод", "DEP1234", "DEP1234", "+992918880022"));
        assertThat(again).isNotEqualTo(code);

        // Staff cancelling it elsewhere (the admin app, plain SQL) frees the documents too.
        dsl.update(REGISTRATION).set(REGISTRATION.STATUS, RegistrationStatus.CANCELLED).where(REGISTRATION.CODE.eq(again)).execute();
        assertThat(dsl.fetchCount(TRAVELLER, TRAVELLER.ACTIVE.isTrue().and(TRAVELLER.DOCUMENT_NUMBER.eq("DEP1234")))).isZero();
        assertThat(register(t, new Applicant("Назаров Фарҳод", "DEP1234", "DEP1234", "+992918880022"))).isNotIn(code, again);
    }

    /**
     * Departure times are the catalogs' date arguments, as each language writes a date: the Tajik month takes the
     * izofa before the year, and the time is the departure point's (03:30 UTC is 08:30 in Asia/Almaty).
     */
    @ParameterizedTest
    @EnumSource(Language.class)
    void departureTimesReadAsEachLanguageWritesThem(Language language) {
        // Before every other test's departures, so it heads the list of the next ones.
        Instant monday = Instant.parse("2026-11-23T03:30:00Z");
        if (dsl.fetchCount(DEPARTURE, DEPARTURE.DEPARTS_AT.eq(monday)) == 0) {
            departure("zhibek_zholy", "tj_sughd", monday);
        }
        Talk t = talk(language, language.code());
        greet(t, language);
        String expected = switch (language) {
            case TG -> "душанбе, 23 ноябри 2026, соати 08:30";
            // ICU keeps "г." with its year by a narrow no-break space.
            case RU -> "понедельник, 23 ноября 2026\u202Fг. в 08:30";
            case UZ -> "dushanba, 23-noyabr, 2026, soat 08:30";
        };
        var r = t.tap("btn.menu.departure");
        assertSays(r, t.t("dep.next.header"));
        assertSays(r, expected);
    }

    /**
     * The privacy notice names who receives the passenger lists (the programme's setting, in the person's language)
     * and says that health is asked about; "My data" says the Telegram chat's number is kept too.
     */
    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"TG", "UZ"})
    void thePrivacyNoticeNamesWhoReceivesTheListsAndWhatIsAsked(Language language) {
        var settings = dsl.selectFrom(OPERATION_SETTINGS).fetchSingle();
        String recipients = language == Language.TG ? settings.getRecipientsTg() : settings.getRecipientsUz();
        Talk t = talk(language, language.code());
        t.say("/start");
        var r = t.pressData("LANGUAGE:" + language.code());
        assertSays(r, recipients);
        String notice = texts(r).toLowerCase(language.locale());
        for (String need : List.of("btn.need.pregnancy", "btn.need.disability")) {
            assertThat(notice).contains(t.t(need).toLowerCase(language.locale()));
        }
        r = t.press("btn.consent.full");
        assertSays(r, recipients);
        assertSays(r, "Telegram");
        t.press("btn.consent.agree");
        assertSays(t.tap("btn.menu.mydata"), "Telegram");
    }

    @Test
    void declinedConsentStillReadsRequirementsAndDepartures() {
        Talk t = talk(Language.RU, null);
        var r = t.say("привет");
        // No language_code: the greeting in all three languages.
        assertThat(r.getFirst().text()).contains(Ui.t(Language.TG, "lang.choose"), Ui.t(Language.UZ, "lang.choose"));
        t.pressData("LANGUAGE:ru");
        assertSays(t.press("btn.consent.full"), "1.");
        assertSays(t.press("btn.consent.decline"), t.t("consent.declined"));
        assertSays(t.tap("btn.menu.requirements"), "72 час");
        assertSays(t.tap("btn.menu.departure"), t.t("dep.not_registered"));
        // Registering needs consent first: asked again, nothing personal asked before it.
        r = t.tap("btn.menu.register");
        assertSays(r, t.t("consent.needed"));
        assertThat(texts(r)).doesNotContain(t.t("reg.name.ask"));
        assertThat(dsl.fetchValue(TELEGRAM_USER.CONSENT_DECLINED_AT, TELEGRAM_USER.CHAT_ID.eq(t.person.id))).isNotNull();
        // Agreeing after pressing Register goes straight on to the first question.
        assertSays(t.press("btn.consent.agree"), t.t("reg.name.ask"));
        assertThat(dsl.fetchValue(TELEGRAM_USER.CONSENT_VERSION, TELEGRAM_USER.CHAT_ID.eq(t.person.id))).isEqualTo(1);
        assertThat(dsl.fetchValue(TELEGRAM_USER.CONSENT_DECLINED_AT, TELEGRAM_USER.CHAT_ID.eq(t.person.id))).isNull();
    }

    @Test
    void stickersEditsOldButtonsGroupsAndLanguageChangesDoNoHarm() {
        Talk t = talk(Language.UZ, "uz-UZ");
        var r = t.say("/start");
        // Telegram's language_code pre-selects Uzbek: its button first, the greeting in it.
        assertThat(r.getFirst().callbackData().getFirst()).isEqualTo("LANGUAGE:uz");
        assertThat(r.getFirst().text()).isEqualTo(Ui.t(Language.UZ, "lang.choose"));
        t.pressData("LANGUAGE:uz");
        t.press("btn.consent.agree");
        t.tap("btn.menu.register");
        t.say("Olimov Sardor");

        t.person.sticker();
        r = t.replies();
        assertSays(r, t.t("misc.media"));
        assertSays(r, t.t("reg.birth.ask"));
        t.person.photo();
        assertSays(t.replies(), t.t("misc.media"));

        // An edited message is not answered again.
        t.person.editedText("Olimov Sardor Akmalovich");
        assertThat(t.replies()).isEmpty();

        // An old button (its keyboard is gone from the chat, but a phone may not have redrawn it yet): the callback
        // is answered and the person is shown where they are.
        r = t.pressGone("CONSENT:yes");
        assertThat(r.getFirst().method()).isEqualTo("answercallbackquery");
        assertSays(r, t.t("misc.stale"));
        assertSays(r, t.t("reg.birth.ask"));

        // /language from the middle of the registration, then the registration resumes in Russian.
        r = t.say("/language");
        assertThat(r.getFirst().callbackData()).contains("LANGUAGE:ru");
        r = t.pressData("LANGUAGE:ru");
        assertSays(r, Ui.t(Language.RU, "lang.changed"));
        r = t.say(Ui.t(Language.RU, "btn.menu.register"));
        assertSays(r, Ui.t(Language.RU, "reg.birth.ask"));

        // In a group the bot only asks to be written to privately.
        t.person.textInGroup("/start");
        t.replies();
        assertThat(driver.calls()).anyMatch(c -> c.chatId() < 0 && c.text().equals(Ui.t(Language.UZ, "misc.group")));
        assertThat(dsl.fetchCount(TELEGRAM_USER, TELEGRAM_USER.CHAT_ID.lt(0L))).isZero();
        // Every button press was answered, so no spinner is left on anyone's phone.
        assertThat(driver.bot.unansweredCallbackQueries()).isEmpty();
    }

    // === issue 11, "The conversation" ========================================================================

    /**
     * Item 5: a confirmed registration corrected from "My data" is saved only by "Save". Every acknowledgement on
     * the way says so, and leaving the correction unsaved (the menu, /cancel) says it was not saved.
     */
    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"TG", "UZ"})
    void aCorrectionIsSavedOnlyWithSaveAndLeavingItUnsavedSaysSo(Language language) {
        Talk t = talk(language, language.code());
        greet(t, language);
        int n = language.ordinal();
        String phone = "+99293711000" + n;
        String doc = "COR500" + n;
        String code = register(t, new Applicant("Қодиров Нуриддин", doc, doc, phone));
        long regId = dsl.fetchValue(REGISTRATION.ID, REGISTRATION.CODE.eq(code));
        t.tap("btn.menu.mydata");
        t.press("btn.mydata.edit");
        t.press("btn.edit.phone");
        var r = t.say("+992 93 711 00 9" + n);
        assertSays(r, t.t("reg.phone.noted", "phone", "+99293711009" + n));
        assertThat(texts(r)).doesNotContain(t.t("reg.phone.saved", "phone", "+99293711009" + n));
        assertSays(r, t.t("reg.summary.unsaved"));

        // Off to the menu: told the correction is not saved, and it is not.
        r = t.say("/menu");
        assertSays(r, t.t("reg.correction.unsaved"));
        assertThat(dsl.fetchValue(REGISTRATION.PHONE, REGISTRATION.ID.eq(regId))).isEqualTo(phone);

        // Back to it as told: the correction is still there, and "Save" keeps it.
        r = t.tap("btn.menu.myreg");
        assertSays(r, "+99293711009" + n);
        assertSays(t.press("btn.save"), t.t("mydata.updated"));
        assertThat(dsl.fetchValue(REGISTRATION.PHONE, REGISTRATION.ID.eq(regId))).isEqualTo("+99293711009" + n);

        // A correction given up with /cancel: told so, the registration as it was.
        t.tap("btn.menu.mydata");
        t.press("btn.mydata.edit");
        t.press("btn.edit.document");
        t.press("btn.doc.id_card");
        r = t.say("AC 765432" + n);
        assertSays(r, t.t("reg.doc_number.noted", "masked", Validation.mask("AC765432" + n)));
        assertThat(texts(r)).doesNotContain(t.t("reg.doc_number.saved", "masked", Validation.mask("AC765432" + n)));
        r = t.say("/cancel");
        assertSays(r, t.t("reg.correction.cancelled"));
        assertThat(texts(r)).doesNotContain(t.t("misc.cancelled_registration"));
        assertThat(dsl.fetchValue(TRAVELLER.DOCUMENT_NUMBER, TRAVELLER.REGISTRATION_ID.eq(regId).and(TRAVELLER.POSITION.eq(0))))
                .isEqualTo(doc);
        assertThat(dsl.fetchValue(REGISTRATION.STATUS, REGISTRATION.ID.eq(regId))).isEqualTo(RegistrationStatus.CONFIRMED);
    }

    /**
     * Item 6: a menu button pressed in the middle of the registration shows what was asked for, and the question
     * the person was on can still be answered: typed, or with its buttons, even on the copy from before.
     */
    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"RU", "TG"})
    void aMenuButtonInTheMiddleOfAQuestionLeavesItAnswerable(Language language) {
        Talk t = talk(language, language.code());
        greet(t, language);
        t.tap("btn.menu.register");
        t.say("Мирзоев Далер");
        var r = t.tap("btn.menu.help");
        assertSays(r, dsl.fetchValue(OPERATION_SETTINGS.HOTLINE_PHONE));
        assertSays(r, t.t("reg.birth.ask"));
        assertSays(t.say("12.12.1992"), t.t("reg.sex.ask"));

        var sex = t.last();
        r = t.tap("btn.menu.requirements");
        assertSays(r, t.t("req.header.all"));
        assertSays(r, t.t("reg.sex.ask"));
        r = t.pressOn(sex, "REG_SEX:M");
        assertThat(texts(r)).doesNotContain(t.t("misc.stale"));
        assertSays(r, t.t("reg.citizenship.ask"));

        // "My data" has buttons of its own, so the registration waits; the question's buttons take it up again.
        var citizenship = t.last();
        t.tap("btn.menu.mydata");
        r = t.pressOn(citizenship, "REG_CITIZENSHIP:TJ");
        assertThat(texts(r)).doesNotContain(t.t("misc.stale"));
        assertSays(r, t.t("reg.doc_type.ask"));
        assertThat(dsl.fetchValue(CONVERSATION.DRAFT, CONVERSATION.CHAT_ID.eq(t.person.id)).data())
                .contains("Мирзоев Далер", "1992-12-12", "\"sex\": \"M\"", "\"citizenship\": \"TJ\"");
    }

    /**
     * Item 7: "Edit family" shows the family with a button to correct or remove each member, and to add one; each
     * change is said; nobody is dropped silently, and a button of an older list changes nothing.
     */
    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"UZ", "RU"})
    void theFamilyIsCorrectedOneMemberAtATime(Language language) {
        Talk t = talk(language, language.code());
        greet(t, language);
        int n = language.ordinal();
        String first = "Sobirova Dilnoza";
        String firstFixed = "Sobirova Nilufar";
        String second = "Sobirov Jahongir";
        toSummary(t, new Applicant("Sobirov Akmal", "FAM700" + n, "FAM700" + n, "+99293722000" + n, first));

        var r = t.press("btn.edit.family");
        assertSays(r, first);
        assertSays(r, t.t("reg.family.change_hint"));
        assertThat(r.stream().flatMap(c -> c.labels().stream()))
                .contains(t.t("btn.family.change", "number", 1, "name", first), t.t("btn.family.remove", "number", 1));

        // Another member.
        t.press("btn.family.another");
        t.say(second);
        t.say("02.02.2015");
        t.press("btn.sex.M");
        assertSays(t.press("btn.relation.child"), t.t("reg.family.ask", "count", 2));
        var olderList = t.last();
        // A word instead of a button: the same list again, the older copy keeps its buttons.
        t.say("?");

        // The first member corrected: asked about again, the others kept.
        r = t.press("btn.family.change", "number", 1, "name", first);
        assertSays(r, t.t("reg.family.correcting", "number", 1, "name", first));
        assertSays(r, t.t("reg.member.name.ask", "number", 1));
        t.say(firstFixed);
        t.say("01.06.2018");
        t.press("btn.sex.F");
        r = t.press("btn.relation.child");
        assertSays(r, t.t("reg.family.corrected", "number", 1));
        assertSays(r, t.t("reg.family.ask", "count", 2));
        assertSays(r, firstFixed);
        assertSays(r, second);
        assertThat(texts(r)).doesNotContain(first);

        // The second removed.
        r = t.press("btn.family.remove", "number", 2);
        assertSays(r, t.t("reg.family.removed", "name", second));
        assertSays(r, t.t("reg.family.ask", "count", 1));

        // The older list's "remove 1" would now remove someone else than shown: it removes nobody.
        r = t.pressOn(olderList, olderList.callbackData(t.t("btn.family.remove", "number", 1)));
        assertSays(r, t.t("misc.stale"));
        assertSays(r, t.t("reg.family.ask", "count", 1));

        r = t.press("btn.done");
        assertSays(r, t.t("reg.summary.member", "number", 1, "name", firstFixed, "birth", "01.06.2018",
                "sex", t.t("btn.sex.F"), "relation", t.t("btn.relation.child")));
        assertThat(texts(r)).doesNotContain(second).doesNotContain(first);
        t.press("btn.confirm");
        long regId = dsl.fetchValue(REGISTRATION.ID, REGISTRATION.CHAT_ID.eq(t.person.id));
        assertThat(dsl.select(TRAVELLER.FULL_NAME).from(TRAVELLER).where(TRAVELLER.REGISTRATION_ID.eq(regId))
                .orderBy(TRAVELLER.POSITION).fetch(TRAVELLER.FULL_NAME)).containsExactly("Sobirov Akmal", firstFixed);
    }

    /** Item 8: only the newest summary confirms; an older one says so and shows the current one. */
    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"TG", "RU"})
    void onlyTheNewestSummaryConfirms(Language language) {
        Talk t = talk(language, language.code());
        greet(t, language);
        int n = language.ordinal();
        toSummary(t, new Applicant("Ғафуров Суҳроб", "SUM800" + n, "SUM800" + n, "+99293733000" + n));
        var oldest = t.last();
        String oldConfirm = oldest.callbackData(t.t("btn.confirm"));
        assertThat(oldConfirm.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
        // The same summary again, then a correction made from the newest.
        t.say("?");
        t.press("btn.edit.name");
        assertSays(t.say("Ғафуров Сино"), "Ғафуров Сино");

        var r = t.pressOn(oldest, oldConfirm);
        assertSays(r, t.t("reg.summary.old"));
        assertSays(r, "Ғафуров Сино");
        assertThat(dsl.fetchCount(REGISTRATION, REGISTRATION.CHAT_ID.eq(t.person.id))).isZero();

        r = t.press("btn.confirm");
        assertSays(r, t.t("reg.done", "code", dsl.fetchValue(REGISTRATION.CODE, REGISTRATION.CHAT_ID.eq(t.person.id)),
                "hotline", dsl.fetchValue(OPERATION_SETTINGS.HOTLINE_PHONE)));
        long regId = dsl.fetchValue(REGISTRATION.ID, REGISTRATION.CHAT_ID.eq(t.person.id));
        assertThat(dsl.fetchValue(TRAVELLER.FULL_NAME, TRAVELLER.REGISTRATION_ID.eq(regId).and(TRAVELLER.POSITION.eq(0))))
                .isEqualTo("Ғафуров Сино");
    }

    /** Item 9: with a place typed by hand, "When do I go?" says that place and that staff will write. */
    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"RU", "UZ"})
    void departuresSayATypedPlaceAndThatStaffWillWrite(Language language) {
        Talk t = talk(language, language.code());
        greet(t, language);
        int n = language.ordinal();
        toSummary(t, new Applicant("Турсунов Икром", "PLC900" + n, "PLC900" + n, "+99293744000" + n));
        t.press("btn.edit.location");
        assertSays(t.press("btn.location.other"), t.t("reg.location_other.ask"));
        assertSays(t.say("Туркестан"), "Туркестан");
        t.press("btn.confirm");

        String hotline = dsl.fetchValue(OPERATION_SETTINGS.HOTLINE_PHONE);
        var r = t.tap("btn.menu.departure");
        assertSays(r, t.t("dep.next.other_place", "place", "Туркестан", "hotline", hotline));
        assertThat(texts(r)).doesNotContain(t.t("dep.next.unknown_place", "hotline", hotline));
    }

    /** Item 10: "Delete all my data" works whenever it is pressed, whatever was used since. */
    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"TG", "UZ"})
    void deleteWorksWhateverWasUsedSince(Language language) {
        Talk t = talk(language, language.code());
        greet(t, language);
        t.tap("btn.menu.register");
        t.say("Шарипов Комрон");
        t.tap("btn.menu.mydata");
        t.tap("btn.menu.help");
        t.tap("btn.menu.requirements");
        t.tap("btn.menu.departure");
        var r = t.press("btn.mydata.delete");
        assertSays(r, t.t("mydata.delete.ask"));
        assertSays(t.press("btn.delete.yes"), t.t("mydata.deleted"));
        assertThat(dsl.fetchCount(TELEGRAM_USER, TELEGRAM_USER.CHAT_ID.eq(t.person.id))).isZero();
        assertThat(dsl.fetchCount(CONVERSATION, CONVERSATION.CHAT_ID.eq(t.person.id))).isZero();
    }

    /**
     * Item 11: a wrong answer is told what is wrong with it: one word for a full name, a name far too long, a birth
     * date in the future, a location where the phone number is asked; a short document number is never shown with
     * more dots than it has characters.
     */
    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"RU", "TG"})
    void aWrongAnswerIsToldWhatIsWrong(Language language) {
        Talk t = talk(language, language.code());
        greet(t, language);
        t.tap("btn.menu.register");
        var r = t.say("Ҷамшед");
        assertSays(r, t.t("reg.name.one_word"));
        assertThat(texts(r)).doesNotContain(t.t("reg.birth.ask"));
        r = t.say("Абдуллоев Ҷамшед ".repeat(30));
        assertSays(r, t.t("reg.name.too_long"));
        assertThat(texts(r)).doesNotContain(t.t("reg.name.invalid"));
        t.say("Абдуллоев Ҷамшед");
        assertSays(t.say("01.01.2099"), t.t("reg.birth.future"));
        assertSays(t.say("23.11.2026"), t.t("reg.birth.future"));
        t.say("22.11.1996");
        t.press("btn.sex.M");
        t.press("btn.citizenship.TJ");
        t.press("btn.doc.passport");
        int n = language.ordinal();
        r = t.say("kz" + n + "4");
        assertSays(r, t.t("reg.doc_number.saved", "masked", "••" + n + "4"));
        assertThat(texts(r)).doesNotContain("•••");
        t.person.location(41.39, 69.18);
        r = t.replies();
        assertSays(r, t.t("reg.phone.expected"));
        assertThat(texts(r)).doesNotContain(t.t("reg.phone.invalid"));
    }

    /**
     * Item 12: a question's buttons go once it is answered (https://core.telegram.org/bots/api#editmessagereplymarkup),
     * and so do those of an older copy pressed too late; buttons that work from anywhere (language) stay.
     */
    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"UZ", "TG"})
    void anAnsweredQuestionLosesItsButtons(Language language) {
        Talk t = talk(language, language.code());
        greet(t, language);
        assertThat(t.user.received()).noneMatch(m -> m.inlineButtons().stream()
                .anyMatch(b -> b.callbackData().startsWith("CONSENT:")));
        assertThat(t.user.received()).anyMatch(m -> m.inlineButtons().stream()
                .anyMatch(b -> b.callbackData().startsWith("LANGUAGE:")));
        t.tap("btn.menu.register");
        t.say("Раҳмонов Исмоил");
        t.say("03.04.1985");
        var sex = t.last();
        var r = t.press("btn.sex.M");
        assertThat(r).anyMatch(c -> c.method().equals("editmessagereplymarkup")
                && c.params().path("message_id").asInt() == sex.messageId());
        assertThat(t.message(sex.messageId()).inlineButtons()).isEmpty();
        assertSays(r, t.t("reg.citizenship.ask"));

        // Two copies of a question; the older pressed after the newer was answered: its buttons go too.
        var older = t.last();
        t.say("?");
        t.press("btn.citizenship.UZ");
        r = t.pressOn(older, "REG_CITIZENSHIP:TJ");
        assertSays(r, t.t("misc.stale"));
        assertThat(t.message(older.messageId()).inlineButtons()).isEmpty();
        assertThat(dsl.fetchValue(CONVERSATION.DRAFT, CONVERSATION.CHAT_ID.eq(t.person.id)).data()).contains("\"citizenship\": \"UZ\"");
        assertThat(driver.bot.unansweredCallbackQueries()).isEmpty();
    }

    /**
     * Item 12, answers that are not presses: sharing a location at the place question removes its place buttons,
     * typing the region's name removes the region buttons, and leaving a question by the menu removes its buttons.
     * Only the inline list counts as the question, not the share-location keyboard sent with it.
     */
    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"RU", "TG"})
    void aQuestionAnsweredByTypingOrSharingLosesItsButtons(Language language) {
        Talk t = talk(language, language.code());
        greet(t, language);
        toPhone(t, "Раҳимов Ҷамшед", "TJ", "A7654321");
        t.person.contact("992935550199", t.person.id);
        assertSays(t.replies(), t.t("reg.location.ask"));
        var places = questionWith(t, "REG_LOCATION:");
        assertThat(dsl.fetchValue(CONVERSATION.QUESTION_MESSAGE_ID, CONVERSATION.CHAT_ID.eq(t.person.id)))
                .isEqualTo(places.messageId());

        t.person.location(41.39, 69.18);
        var r = t.replies();
        assertSays(r, t.t("reg.destination.ask"));
        assertRemoved(r, places.messageId());
        assertThat(t.message(places.messageId()).inlineButtons()).isEmpty();

        var regions = questionWith(t, "REG_DESTINATION:");
        r = t.say(destinationNames("tj_sughd")[language == Language.RU ? 1 : 0]);
        assertRemoved(r, regions.messageId());
        assertThat(t.message(regions.messageId()).inlineButtons()).isEmpty();

        // A question left by the menu: its buttons go too; the menu's own messages keep theirs.
        assertSays(t.say("Истаравшан"), t.t("reg.family.ask", "count", 0));
        var family = t.last();
        assertThat(family.inlineButtons()).isNotEmpty();
        r = t.tap("btn.menu.requirements");
        assertRemoved(r, family.messageId());
        assertThat(t.message(family.messageId()).inlineButtons()).isEmpty();
        assertThat(dsl.fetchValue(CONVERSATION.QUESTION_MESSAGE_ID, CONVERSATION.CHAT_ID.eq(t.person.id)))
                .isNotEqualTo(family.messageId());
    }

    /** The newest message the person holds with a button whose data starts with {@code prefix}. */
    private static org.homeward.telegram.fake.BotMessage questionWith(Talk t, String prefix) {
        var received = t.user.received();
        for (int i = received.size() - 1; i >= 0; i--) {
            var m = received.get(i);
            if (m.inlineButtons().stream().anyMatch(b -> b.callbackData().startsWith(prefix))) {
                return m;
            }
        }
        throw new AssertionError("no question with " + prefix);
    }

    private static void assertRemoved(List<Talk.Call> calls, int messageId) {
        assertThat(calls).anyMatch(c -> c.method().equals("editmessagereplymarkup")
                && c.params().path("message_id").asInt() == messageId && c.callbackData().isEmpty());
    }
}
