package org.homeward.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.homeward.db.jooq.Tables.DELIVERY;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import static org.homeward.db.jooq.Tables.DELIVERY_MESSAGE;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.homeward.core.outbox.OutgoingMessage.Button;
import org.homeward.core.outbox.OutgoingMessage.Text;
import org.homeward.core.people.People;
import org.homeward.db.enums.DeliveryMessageState;
import org.homeward.core.outbox.Outbox.Stored;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OutboxTest {
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    /** A Tuesday morning at the departure point: 03:30 in UTC. */
    private static final ZonedDateTime DEPARTURE = ZonedDateTime.of(2026, 11, 24, 8, 30, 0, 0, ALMATY);
    private static TestDatabase db;
    private static DSLContext dsl;
    private final Outbox queue = new Outbox();

    @BeforeAll
    static void database() {
        db = TestPostgres.newDatabase();
        dsl = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        // 1000..1099: Russian speakers, 1100..1199: Tajik; 1050 blocked the bot.
        dsl.execute("insert into telegram_user (chat_id, language) select g, case when g < 1100 then 'ru' else 'tg' end"
                + " from generate_series(1000, 1199) g");
        dsl.execute("update telegram_user set unreachable_at = now(), unreachable_reason = 'blocked' where chat_id = 1050");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static OutgoingMessage text(String ru) {
        return OutgoingMessage.of("broadcast", Text.written(Map.of(Language.RU, ru)));
    }

    @Test
    void enqueuesOneRowPerReachablePersonOfTheAudienceInTheCallersTransaction() {
        long id = dsl.transactionResult(c -> queue.enqueue(c.dsl(), text("Автобус в 9:00"),
                Audience.where(TELEGRAM_USER.LANGUAGE.eq("ru"))));
        var progress = queue.progress(dsl, id).orElseThrow();
        assertThat(progress.queued()).isEqualTo(99);
        assertThat(progress.total()).isEqualTo(99);
        assertThat(progress.state()).isEqualTo(DeliveryMessageState.ACTIVE);
        assertThat(progress.timeLeft()).isEmpty();
    }

    @Test
    void timeLeftFollowsThePaceSinceTheFirstSendWhenThatIsUnderThirtySeconds() {
        long id = dsl.transactionResult(c -> queue.enqueue(c.dsl(), text("Автобус в 9:00"),
                Audience.where(TELEGRAM_USER.LANGUAGE.eq("tg"))));
        // 10 of 100 sent over the last 5 seconds, 2 a second: 90 left take about 45 s (not 90 × 30 / 10 = 270 s).
        dsl.execute("update delivery set status = 'sent', sent_at = now() - (id % 10) * interval '0.5 seconds'"
                + " where id in (select id from delivery where message_id = ? order by id limit 10)", id);
        var progress = queue.progress(dsl, id).orElseThrow();
        assertThat(progress.sent()).isEqualTo(10);
        assertThat(progress.timeLeft()).hasValueSatisfying(left ->
                assertThat(left).isBetween(Duration.ofSeconds(35), Duration.ofSeconds(150)));
    }

    @Test
    void aRolledBackCauseLeavesNothingQueued() {
        long before = dsl.fetchCount(DELIVERY);
        assertThatThrownBy(() -> dsl.transaction(c -> {
            queue.enqueue(c.dsl(), text("x"), Audience.everyone());
            throw new IllegalStateException("the departure could not be saved");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(dsl.fetchCount(DELIVERY)).isEqualTo(before);
    }

    @Test
    void chatsAudienceTakesOnlyKnownChats() {
        long id = queue.enqueue(dsl, text("x"), Audience.chats(List.of(1001L, 1002L, 1050L, 999_999L)));
        assertThat(queue.progress(dsl, id).orElseThrow().total()).isEqualTo(2);
    }

    @Test
    void pauseParksResumeReleasesCancelSkipsWhatIsLeft() {
        long id = queue.enqueue(dsl, text("x"), Audience.where(TELEGRAM_USER.LANGUAGE.eq("tg")));
        assertThat(queue.pause(dsl, id)).isTrue();
        assertThat(queue.pause(dsl, id)).isFalse();
        assertThat(queue.progress(dsl, id).orElseThrow().state()).isEqualTo(DeliveryMessageState.PAUSED);
        assertThat(dsl.fetchCount(DELIVERY, DELIVERY.MESSAGE_ID.eq(id)
                .and(DSL.condition("next_try_at > now() + interval '1 year'")))).isEqualTo(100);
        assertThat(queue.resume(dsl, id)).isTrue();
        assertThat(dsl.fetchCount(DELIVERY, DELIVERY.MESSAGE_ID.eq(id)
                .and(DSL.condition("next_try_at <= now()")))).isEqualTo(100);
        assertThat(queue.cancel(dsl, id)).isEqualTo(100);
        var progress = queue.progress(dsl, id).orElseThrow();
        assertThat(progress.skipped()).isEqualTo(100);
        assertThat(progress.done()).isTrue();
        assertThat(progress.state()).isEqualTo(DeliveryMessageState.CANCELLED);
    }

    @Test
    void anUnreachablePersonIsLeftOut() {
        // Writing to the bot again makes them reachable: SenderTest, through the conversation.
        dsl.execute("insert into telegram_user (chat_id, unreachable_at, unreachable_reason) values (5000, now(), 'blocked')");
        assertThat(queue.enqueue(dsl, text("x"), Audience.chat(5000))).isPositive();
        assertThat(dsl.fetchCount(DELIVERY, DELIVERY.CHAT_ID.eq(5000L))).isZero();
        // What the conversation does with every update from a person: writing again means they unblocked the bot.
        new People(dsl).touch(5000, java.time.Instant.now());
        queue.enqueue(dsl, text("x"), Audience.chat(5000));
        assertThat(dsl.fetchCount(DELIVERY, DELIVERY.CHAT_ID.eq(5000L))).isEqualTo(1);
    }

    @Test
    void catalogTextsAndKeyboardsSurviveTheDatabase() {
        Text label = Text.written(Map.of(Language.RU, "Да", Language.TG, "Ҳа"));
        OutgoingMessage message = new OutgoingMessage("departure", Text.written(Map.of(Language.TG, "Салом")),
                List.of(List.of(Button.callback(label, "yes"), Button.url(label, "https://example.org/x"))), true);
        String json = MessageCodec.keyboard(message.keyboard());
        assertThat(MessageCodec.keyboard(json)).isEqualTo(message.keyboard());
        Map<String, Object> args = Map.of("n", 3L, "when", ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 6, ALMATY), "s", "x");
        assertThat(MessageCodec.args(MessageCodec.args(args))).isEqualTo(args);
        assertThat(Text.written(Map.of(Language.TG, "Салом")).render(Language.UZ)).isEqualTo("Салом");
        assertThat(Text.key("error.apology", Map.of()).render(Language.RU)).startsWith("Извините");
    }

    @Test
    void aVenueSurvivesTheDatabaseWithItsTitleAndAddressInEachLanguage() {
        OutgoingMessage venue = OutgoingMessage.venue("departure_pin",
                Text.written(Map.of(Language.TG, "Назди дарвоза", Language.RU, "У ворот", Language.UZ, "Darvoza oldida")),
                new OutgoingMessage.Venue(41.3686, 69.2039,
                        new Text.Written(Map.of(Language.RU, "Шымкент", Language.UZ, "Chimkent"))));
        long id = queue.enqueue(dsl, venue, Audience.chats(List.of(1100L)));
        assertThat(queue.messages(dsl, List.of(id)).get(id)).isEqualTo(new Stored.Readable(venue));
        OutgoingMessage back = ((Stored.Readable) queue.messages(dsl, List.of(id)).get(id)).message();
        assertThat(back.venue().address().render(Language.TG)).isEqualTo("Шымкент");
        // A text message has no venue.
        long plain = queue.enqueue(dsl, text("Привет"), Audience.chats(List.of(1100L)));
        assertThat(((Stored.Readable) queue.messages(dsl, List.of(plain)).get(plain)).message().venue()).isNull();
        assertThatThrownBy(() -> new OutgoingMessage.Venue(91, 0, new Text.Written(Map.of(Language.RU, "x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyCatalogKeyWithSampleArgumentsSurvivesTheTablesAndRendersInEveryLanguage() {
        Messages catalog = Messages.get();
        Map<Long, OutgoingMessage> enqueued = new LinkedHashMap<>();
        for (String key : catalog.keys(Messages.BASE)) {
            Map<String, Messages.ArgumentKind> arguments = catalog.arguments(Messages.BASE, key);
            // One, few and many in Russian's plurals; one sample is enough for a key without numbers.
            List<Long> numbers = arguments.containsValue(Messages.ArgumentKind.NUMBER) ? List.of(1L, 2L, 5L) : List.of(2L);
            for (long n : numbers) {
                Map<String, Object> args = new LinkedHashMap<>();
                arguments.forEach((name, kind) -> args.put(name, switch (kind) {
                    case DATE_TIME -> DEPARTURE;
                    case NUMBER -> n;
                    case SELECT -> "other";
                    case TEXT -> "Абдурахмонзода Сайфиддин";
                }));
                Text text = Text.key(key, args);
                // The key as a button's label too: labels are stored by the same codec, in the keyboard's JSON.
                OutgoingMessage message = new OutgoingMessage("test", text, List.of(List.of(Button.callback(text, "x"))),
                        false);
                enqueued.put(queue.enqueue(dsl, message, Audience.chats(List.of())), message);
            }
        }

        Map<Long, Stored> stored = queue.messages(dsl, enqueued.keySet());
        List<String> problems = new ArrayList<>();
        enqueued.forEach((id, message) -> {
            Text.Key key = (Text.Key) message.text();
            if (!(stored.get(id) instanceof Stored.Readable(OutgoingMessage back)) || !back.equals(message)) {
                problems.add(key.key() + " " + key.args() + ": read back as " + stored.get(id));
                return;
            }
            for (Language language : Language.values()) {
                try {
                    String text = back.text().render(language);
                    String label = back.keyboard().getFirst().getFirst().label().render(language);
                    if (text.isBlank() || !text.equals(label) || text.contains("homeward_")
                            || key.args().keySet().stream().anyMatch(name -> text.contains("{" + name + "}"))) {
                        problems.add(key.key() + " in " + language.code() + " renders as " + text);
                    }
                } catch (RuntimeException e) {
                    problems.add(key.key() + " in " + language.code() + " does not render: " + e);
                }
            }
        });
        assertThat(problems).isEmpty();
        assertThat(enqueued).hasSizeGreaterThanOrEqualTo(catalog.keys(Messages.BASE).size());
    }

    @Test
    void aDepartureTimeIsShownAtTheWallTimeOfItsOwnZoneInEveryLanguage() {
        OutgoingMessage message = OutgoingMessage.of("departure", Text.key("dep.notice",
                Map.of("when", DEPARTURE, "place", "Алматы", "meeting", "Автовокзал Сайран")));
        long id = queue.enqueue(dsl, message, Audience.chats(List.of()));

        Stored stored = queue.messages(dsl, List.of(id)).get(id);
        assertThat(stored).isEqualTo(new Stored.Readable(message));
        Text text = ((Stored.Readable) stored).message().text();
        assertThat(text.render(Language.RU)).contains("Выезд: вторник, 24 ноября в 08:30\n");
        assertThat(text.render(Language.TG)).contains("Кай: сешанбе, 24 ноябр соати 08:30\n");
        assertThat(text.render(Language.UZ)).contains("Qachon: seshanba, 24-noyabr, 08:30\n");
    }

    @Test
    void aBareInstantIsRefusedForItHasNoZone() {
        Map<String, Object> args = Map.of("when", DEPARTURE.toInstant(), "place", "Алматы", "meeting", "Сайран");
        assertThatThrownBy(() -> Text.key("dep.notice", args))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'when'").hasMessageContaining("ZonedDateTime");
        assertThatThrownBy(() -> Text.key("dep.notice", Map.of("when", DEPARTURE.toLocalDateTime())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LocalDateTime");
    }

    @Test
    void aMessageThatCannotBeReadBackAnyMoreComesBackWithItsReasonAndTheOthersAsTheyWere() {
        OutgoingMessage good = OutgoingMessage.of("broadcast", Text.key("error.apology", Map.of()));
        Map<String, Object> args = Map.of("when", DEPARTURE, "place", "Алматы", "meeting", "Сайран");
        long ok = queue.enqueue(dsl, good, Audience.chats(List.of()));
        long renamed = queue.enqueue(dsl, OutgoingMessage.of("departure", Text.key("dep.notice", args)), Audience.chats(List.of()));
        long zoneless = queue.enqueue(dsl, OutgoingMessage.of("departure", Text.key("dep.notice", args)), Audience.chats(List.of()));
        // A later release renamed the key; an older one stored times without their zone.
        dsl.update(DELIVERY_MESSAGE).set(DELIVERY_MESSAGE.TEXT_KEY, "dep.notice_before_renaming")
                .where(DELIVERY_MESSAGE.ID.eq(renamed)).execute();
        dsl.execute("update delivery_message set text_args = jsonb_set(text_args, '{when}', jsonb_build_object('instant', ?))"
                + " where id = ?", DEPARTURE.toInstant().toString(), zoneless);

        Map<Long, Stored> stored = queue.messages(dsl, List.of(ok, renamed, zoneless));
        assertThat(stored.get(ok)).isEqualTo(new Stored.Readable(good));
        assertThat(stored.get(renamed)).isEqualTo(new Stored.Unreadable("no catalog key dep.notice_before_renaming in tg"));
        assertThat(stored.get(zoneless)).isEqualTo(new Stored.Unreadable("unreadable stored message (IllegalArgumentException)"));
    }
}
