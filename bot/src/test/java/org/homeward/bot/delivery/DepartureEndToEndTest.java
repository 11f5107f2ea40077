package org.homeward.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.homeward.bot.conversation.Conversation;
import org.homeward.bot.testing.BotFixture;
import org.homeward.core.Domain;
import org.homeward.core.departures.Reminders;
import org.homeward.core.departures.StaffDepartures;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.registrations.Confirmation;
import org.homeward.core.registrations.RegistrationCodes;
import org.homeward.core.registrations.RegistrationForm;
import org.homeward.core.registrations.Traveller;
import org.homeward.db.Database;
import org.homeward.db.enums.DepartureAnswer;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.homeward.telegram.fake.BotMessage;
import org.homeward.telegram.fake.SimulatedUser;
import org.homeward.testkit.Await;
import org.homeward.testkit.MutableClock;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A departure end to end (issue 13), real parts only: people registered in Tajik, Russian and Uzbek, a departure
 * with a pin made and filled by staff's core, the delivery engine sending through the real client to the fake Bot
 * API, a person answering with the notice's button through the real conversation, the reminders' job body run at
 * 24 h and 2 h before on a test clock, and a change of time reaching every assigned passenger.
 */
@Tag("slow")
class DepartureEndToEndTest {
    private static final Instant START = Instant.parse("2026-11-30T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void noticesAnswersRemindersAndATimeChangeReachThePeopleInTheirLanguage() throws Exception {
        try (BotFixture fixture = BotFixture.start()) {
            Database database = fixture.database();
            DSLContext dsl = database.dsl();
            MutableClock clock = new MutableClock(START);
            Conversation conversation = fixture.conversation(clock);
            // A pause between two messages to one chat, as Telegram wants and production has: the notice goes
            // first and its venue after it.
            DeliveryConfig config = new DeliveryConfig(100, 0, Duration.ofMillis(200), 3, Duration.ofMillis(100),
                    Duration.ofSeconds(10), Duration.ofSeconds(2), 100, Duration.ofMillis(20));
            Delivery delivery = fixture.delivery(config, database.dataSource(),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            delivery.start();

            SimulatedUser tajik = fixture.bot().newUser("Фарҳод", "tg");
            SimulatedUser russian = fixture.bot().newUser("Ольга", "ru");
            SimulatedUser uzbek = fixture.bot().newUser("Jasur", "uz");
            // Each greets the bot and agrees to the privacy notice in the real conversation; the registrations are
            // made through the core (the questionnaire has tests of its own).
            greet(fixture, conversation, tajik, Language.TG);
            greet(fixture, conversation, russian, Language.RU);
            greet(fixture, conversation, uzbek, Language.UZ);
            RegistrationCodes codes = new RegistrationCodes(new Random(13));
            long tj = register(dsl, codes, tajik, Language.TG, "DE100001", 1);
            long ru = register(dsl, codes, russian, Language.RU, "DE100002", 0);
            long uz = register(dsl, codes, uzbek, Language.UZ, "DE100003", 0);

            // Staff plan a bus from Zhibek Zholy on 5 December at 07:30 local time (02:30 UTC), with a pin, and fill it.
            int place = dsl.fetchSingle("select id from location where code = 'zhibek_zholy'").get(0, Integer.class);
            StaffDepartures.Plan plan = new StaffDepartures.Plan(place, List.of(), LocalDateTime.of(2026, 12, 5, 7, 30),
                    "Назди дарвозаи гумрук", "У ворот таможни", "Bojxona darvozasi oldida", 41.3686, 69.2039, 10,
                    null, "Паспорт", null);
            long bus = dsl.transactionResult(c -> {
                StaffDepartures staff = new StaffDepartures(c.dsl(), new Outbox());
                long id = staff.create(plan, clock.instant());
                assertThat(staff.fill(id, clock.instant())).isEqualTo(new StaffDepartures.Assignment.Done(3, 4));
                return id;
            });
            Instant departs = Instant.parse("2026-12-05T02:30:00Z");

            // Each is told in their language, with the local time, the meeting point and the two answer buttons.
            Map<SimulatedUser, Language> people = Map.of(tajik, Language.TG, russian, Language.RU, uzbek, Language.UZ);
            people.forEach((user, language) -> {
                BotMessage notice = awaitText(user, language, "dep.notice.assigned");
                assertThat(notice.text()).contains("7:30").contains(switch (language) {
                    case TG -> "Назди дарвозаи гумрук";
                    case RU -> "У ворот таможни";
                    case UZ -> "Bojxona darvozasi oldida";
                });
                assertThat(notice.inlineButtons()).extracting(BotMessage.Button::callbackData)
                        .contains("g:dep:" + bus + ":y", "g:dep:" + bus + ":n");
                // Then the pin as a Telegram venue: the meeting point as its title, in their language.
                BotMessage venue = awaitVenue(user, 1);
                assertThat(venue.messageId()).isGreaterThan(notice.messageId());
                assertThat(venue.latitude()).isEqualTo(41.3686);
                assertThat(venue.longitude()).isEqualTo(69.2039);
                assertThat(venue.text()).isEqualTo(switch (language) {
                    case TG -> "Назди дарвозаи гумрук";
                    case RU -> "У ворот таможни";
                    case UZ -> "Bojxona darvozasi oldida";
                });
            });
            assertThat(fixture.bot().calls()).filteredOn(c -> c.method().equalsIgnoreCase("sendVenue"))
                    .extracting(c -> c.params().path("address").asText())
                    .contains(dsl.fetchSingle("select name_tg, name_ru, name_uz from location where code = 'zhibek_zholy'")
                            .into(String[].class));

            // The Russian speaker comes, the Uzbek speaker cannot: pressed in the chat, through the real conversation.
            press(fixture, conversation, russian, "g:dep:" + bus + ":y");
            press(fixture, conversation, uzbek, "g:dep:" + bus + ":n");
            Map<Long, DepartureAnswer> answers = new java.util.HashMap<>();
            dsl.transaction(c -> new StaffDepartures(c.dsl(), new Outbox()).passengers(bus)
                    .forEach(p -> answers.put(p.registrationId(), p.answer())));
            assertThat(answers).containsEntry(ru, DepartureAnswer.CONFIRMED).containsEntry(uz, DepartureAnswer.CANNOT_COME)
                    .containsEntry(tj, null);

            // 24 h before, the reminders' job body runs: those who have not declined are reminded, not the Uzbek speaker.
            Reminders reminders = new Reminders(dsl, new Outbox(), clock);
            clock.set(departs.minus(Duration.ofHours(24)));
            assertThat(reminders.run()).isEqualTo(1);
            awaitText(tajik, Language.TG, "dep.reminder.24h");
            awaitText(russian, Language.RU, "dep.reminder.24h");
            clock.set(departs.minus(Duration.ofHours(2)));
            assertThat(reminders.run()).isEqualTo(1);
            BotMessage soon = awaitText(russian, Language.RU, "dep.reminder.2h");
            assertThat(soon.text()).contains("7:30");
            awaitText(tajik, Language.TG, "dep.reminder.2h");
            awaitVenue(russian, 2);
            assertThat(reminders.run()).isZero();
            assertThat(uzbek.received().stream().filter(m -> m.kind().equals("venue"))).hasSize(1);
            assertThat(uzbek.received()).noneMatch(m -> m.text() != null
                    && (m.text().startsWith(first(Language.UZ, "dep.reminder.24h")) || m.text().startsWith(first(Language.UZ, "dep.reminder.2h"))));

            // The bus is put back by an hour: every assigned passenger is told, the one who declined too, and asked again.
            StaffDepartures.Plan later = new StaffDepartures.Plan(place, List.of(), LocalDateTime.of(2026, 12, 5, 8, 30),
                    plan.meetingTg(), plan.meetingRu(), plan.meetingUz(), plan.latitude(), plan.longitude(), 10,
                    null, "Паспорт", null);
            dsl.transaction(c -> assertThat(new StaffDepartures(c.dsl(), new Outbox()).edit(bus, later, clock.instant()))
                    .isEqualTo(StaffDepartures.Edited.SAVED));
            people.forEach((user, language) -> {
                assertThat(awaitText(user, language, "dep.notice.changed").text()).contains("8:30");
                // The notice's, the 2 h reminder's (not for who declined), the change's.
                awaitVenue(user, user == uzbek ? 2 : 3);
            });
            // Moved to three hours from now: the 2 h reminder comes again for the new time.
            clock.set(departs.plus(Duration.ofHours(1)).minus(Duration.ofHours(2)));
            assertThat(reminders.run()).isEqualTo(1);
            Await.until("the second 2 h reminder", WAIT, () -> tajik.received().stream().filter(m -> m.text() != null
                    && m.text().startsWith(first(Language.TG, "dep.reminder.2h"))).count() == 2);
        }
    }

    /** /start, the language, and agreeing to the notice, through the conversation. */
    private static void greet(BotFixture fixture, Conversation conversation, SimulatedUser user, Language language) {
        user.sendCommand("/start");
        fixture.handUpdates(conversation);
        press(fixture, conversation, user, "LANGUAGE:" + language.code());
        String agree = Messages.get().format(language, "btn.consent.agree");
        BotMessage notice = user.received().stream().filter(m -> m.inlineButtons().stream()
                .anyMatch(b -> agree.equals(b.text()))).reduce((a, b) -> b).orElseThrow();
        press(fixture, conversation, user, notice.callbackData(agree));
    }

    /** A confirmed registration for {@code user} at Zhibek Zholy, going to Sughd, with {@code children}. */
    private static long register(DSLContext dsl, RegistrationCodes codes, SimulatedUser user, Language language,
            String document, int children) {
        return dsl.transactionResult(c -> {
            Domain d = Domain.on(c.dsl(), codes);
            d.people().touch(user.chatId(), START.minusSeconds(86_400));
            d.people().setLanguage(user.chatId(), language);
            int place = c.dsl().fetchSingle("select id from location where code = 'zhibek_zholy'").get(0, Integer.class);
            int destination = c.dsl().fetchSingle("select id from destination where code = 'tj_sughd'").get(0, Integer.class);
            List<Traveller> kids = java.util.stream.IntStream.range(0, children)
                    .mapToObj(i -> new Traveller("Каримова Зарина", LocalDate.of(2018, 6, 1), "F", null, "child", null, null))
                    .toList();
            var form = new RegistrationForm(null, new Traveller("Каримов Далер", LocalDate.of(1990, 3, 8), "M", "TJ",
                    "self", "passport", document), "+99290" + document.substring(2), place, null, destination, "Истаравшан",
                    kids, Set.of());
            if (!(d.registrations().confirm(user.chatId(), form, START.minusSeconds(86_400)) instanceof Confirmation.Saved saved)) {
                throw new IllegalStateException("not saved");
            }
            return saved.registrationId();
        });
    }

    /** The first line of a catalog text, which a message in that language starts with. */
    private static String first(Language language, String key) {
        String text = Messages.get().format(language, key, Map.of("when", java.time.ZonedDateTime.now(), "place", "",
                "meeting", "", "bring", ""));
        return text.lines().findFirst().orElseThrow();
    }

    /** Waits for the newest message to {@code user} that starts as {@code key} in {@code language}. */
    private static BotMessage awaitText(SimulatedUser user, Language language, String key) {
        String start = first(language, key);
        AtomicReference<BotMessage> found = new AtomicReference<>();
        Await.until(key + " in " + language.code(), WAIT, () -> {
            List<BotMessage> received = user.received();
            for (int i = received.size() - 1; i >= 0; i--) {
                BotMessage m = received.get(i);
                if (m.text() != null && m.text().startsWith(start)) {
                    found.set(m);
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    /** Waits until {@code user} has {@code count} venues, and returns the newest. */
    private static BotMessage awaitVenue(SimulatedUser user, int count) {
        Await.until(count + " venues", WAIT, () -> user.received().stream().filter(m -> m.kind().equals("venue")).count() >= count);
        return user.received().stream().filter(m -> m.kind().equals("venue")).reduce((a, b) -> b).orElseThrow();
    }

    /** Presses the button with {@code data} on the newest message showing it, and runs the update through the bot. */
    private static void press(BotFixture fixture, Conversation conversation, SimulatedUser user, String data) {
        List<BotMessage> received = user.received();
        for (int i = received.size() - 1; i >= 0; i--) {
            BotMessage m = received.get(i);
            if (m.inlineButtons().stream().anyMatch(b -> data.equals(b.callbackData()))) {
                user.pressButton(m.messageId(), data);
                fixture.handUpdates(conversation);
                return;
            }
        }
        throw new AssertionError("no button " + data);
    }
}
