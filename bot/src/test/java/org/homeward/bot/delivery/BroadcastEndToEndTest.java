package org.homeward.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.homeward.bot.testing.BotFixture;
import org.homeward.core.broadcasts.Broadcasts;
import org.homeward.core.broadcasts.Broadcasts.Draft;
import org.homeward.core.broadcasts.Broadcasts.Filter;
import org.homeward.core.broadcasts.Broadcasts.Outcome;
import org.homeward.core.outbox.Outbox;
import org.homeward.i18n.Language;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Broadcasts end to end through the delivery engine and the fake Bot API, with a test clock for approval and
 * schedule: each recipient gets the text in their own language exactly once, people who never chose a language get
 * the Russian readers' text, and nobody outside the audience (another place, no registration, blocked) gets anything.
 */
@Tag("slow")
class BroadcastEndToEndTest {
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private BotFixture fixture;
    private DSLContext dsl;
    private Fake telegram;
    private Delivery delivery;
    private long author;
    private long approver;
    private int almaty;
    private int moscow;

    @BeforeEach
    void start() {
        fixture = BotFixture.start();
        dsl = Harness.dsl(fixture.dataSource());
        telegram = Fake.of(fixture, 0);
        delivery = fixture.delivery(Harness.config(200), fixture.dataSource(), Harness.registry());
        delivery.start();
        author = staff("author@example.org");
        approver = staff("approver@example.org");
        almaty = dsl.fetchSingle("select id from location where code = 'almaty'").get(0, Integer.class);
        moscow = dsl.fetchSingle("select id from location where code = 'moscow'").get(0, Integer.class);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private long staff(String email) {
        return dsl.fetchSingle("insert into staff_account (email, role, created_at, updated_at) values (?, 'staff', now(), now())"
                + " returning id", email).get(0, Long.class);
    }

    /** A simulated person known to Homeward, writing in {@code language} (null: never chose), registered at a place (or not). */
    private long person(String language, Integer place) {
        long chat = telegram.bot.newUser("P", language == null ? "en" : language).chatId();
        dsl.execute("insert into telegram_user (chat_id, language) values (?, ?)", chat, language);
        if (place != null) {
            dsl.execute("insert into registration (chat_id, status, location_id) values (?, 'confirmed', ?)", chat, place);
        }
        return chat;
    }

    @Test
    void eachRecipientGetsTheirOwnLanguageAndNobodyOutsideTheAudienceGetsAnything() {
        long tg = person("tg", almaty);
        long ru = person("ru", almaty);
        long uz = person("uz", almaty);
        long none = person(null, almaty);
        long blocked = person("ru", almaty);
        dsl.execute("update telegram_user set unreachable_at = now(), unreachable_reason = 'blocked' where chat_id = ?", blocked);
        long elsewhere = person("tg", moscow);
        long unregistered = person("uz", null);

        Outbox outbox = delivery.queue();
        long id = dsl.transactionResult(c -> new Broadcasts(c.dsl(), outbox).create(
                Draft.of("Автобус пагоҳ соати 8:00", "Автобус завтра в 8:00", "Avtobus ertaga soat 8:00", Filter.places(almaty)),
                author, NOW));
        // Four people, above a threshold of 3: it waits for a second member.
        Outcome requested = dsl.transactionResult(c -> new Broadcasts(c.dsl(), outbox).request(id, 1, null, 3, NOW));
        assertThat(requested).isEqualTo(new Outcome.NeedsApproval(4, 3));
        assertThat(telegram.accepted()).isEmpty();
        Outcome approved = dsl.transactionResult(c -> new Broadcasts(c.dsl(), outbox).approve(id, 2, approver, NOW.plusSeconds(60)));
        assertThat(approved).isEqualTo(new Outcome.Sent(4));
        long message = new Broadcasts(dsl, outbox).find(id).orElseThrow().messageId();
        Harness.awaitDone(dsl, message, Duration.ofSeconds(60));

        assertThat(telegram.accepted()).extracting(Fake.Call::chatId, Fake.Call::text).containsExactlyInAnyOrder(
                Tuple.tuple(tg, "Автобус пагоҳ соати 8:00"),
                Tuple.tuple(ru, "Автобус завтра в 8:00"),
                Tuple.tuple(uz, "Avtobus ertaga soat 8:00"),
                Tuple.tuple(none, "Автобус завтра в 8:00"));
        var progress = new Broadcasts(dsl, outbox).progress(id).orElseThrow();
        assertThat(progress.sent()).isEqualTo(4);
        assertThat(progress.done()).isTrue();
        assertThat(telegram.accepted()).extracting(Fake.Call::chatId).doesNotContain(blocked, elsewhere, unregistered);
    }

    @Test
    void aScheduledBroadcastWithOneWrittenTextGoesAtItsTimeOnceToItsLanguageFilter() {
        long uzAlmaty = person("uz", almaty);
        long uzMoscow = person("uz", moscow);
        long tgAlmaty = person("tg", almaty);
        Outbox outbox = delivery.queue();
        Map<Language, String> texts = new EnumMap<>(Language.class);
        texts.put(Language.RU, "Собрание у ворот в 10:00");
        Draft draft = new Draft(texts, Map.of(Language.TG, Language.RU, Language.UZ, Language.RU),
                new Filter(List.of(), List.of(), List.of(), List.of(), List.of("uz"), null, Broadcasts.Registered.YES));
        long id = dsl.transactionResult(c -> new Broadcasts(c.dsl(), outbox).create(draft, author, NOW));
        Instant at = NOW.plus(Duration.ofHours(1));
        dsl.transaction(c -> assertThat(new Broadcasts(c.dsl(), outbox).request(id, 1, at, 1000, NOW))
                .isEqualTo(new Outcome.Scheduled(2)));
        // The job before its time sends nothing; at its time it sends, and again it sends nothing more.
        dsl.transaction(c -> assertThat(new Broadcasts(c.dsl(), outbox).runDue(NOW.plusSeconds(600), Duration.ofHours(6)).sent()).isEmpty());
        dsl.transaction(c -> assertThat(new Broadcasts(c.dsl(), outbox).runDue(at.plusSeconds(5), Duration.ofHours(6)).sent())
                .containsExactly(id));
        dsl.transaction(c -> assertThat(new Broadcasts(c.dsl(), outbox).runDue(at.plusSeconds(15), Duration.ofHours(6)).sent()).isEmpty());
        Harness.awaitDone(dsl, new Broadcasts(dsl, outbox).find(id).orElseThrow().messageId(), Duration.ofSeconds(60));
        assertThat(telegram.accepted()).extracting(Fake.Call::chatId, Fake.Call::text).containsExactlyInAnyOrder(
                Tuple.tuple(uzAlmaty, "Собрание у ворот в 10:00"),
                Tuple.tuple(uzMoscow, "Собрание у ворот в 10:00"));
        assertThat(telegram.accepted()).extracting(Fake.Call::chatId).doesNotContain(tgAlmaty);
    }
}
