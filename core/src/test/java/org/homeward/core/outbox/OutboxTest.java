package org.homeward.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.homeward.db.jooq.Tables.DELIVERY;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import java.util.List;
import java.util.Map;
import org.homeward.core.outbox.OutgoingMessage.Button;
import org.homeward.core.outbox.OutgoingMessage.Text;
import org.homeward.core.people.People;
import org.homeward.db.enums.DeliveryMessageState;
import org.homeward.i18n.Language;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OutboxTest {
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
        Map<String, Object> args = Map.of("n", 3L, "when", java.time.Instant.parse("2026-01-02T03:04:05Z"), "s", "x");
        assertThat(MessageCodec.args(MessageCodec.args(args))).isEqualTo(args);
        assertThat(Text.written(Map.of(Language.TG, "Салом")).render(Language.UZ)).isEqualTo("Салом");
        assertThat(Text.key("error.apology", Map.of()).render(Language.RU)).startsWith("Извините");
    }
}
