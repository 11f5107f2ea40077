package org.homeward.bot.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.bot.transport.LongPollingTransportTest.inboxRows;

import org.homeward.bot.testing.BotFixture;
import org.junit.jupiter.api.Test;

/** What the inbox keeps: a week of update ids, and a failed update's content no longer than that. */
class InboxPurgeTest {
    @Test
    void startForgetsHandledAndFailedUpdatesOlderThanAWeekAndKeepsTheRest() throws Exception {
        try (BotFixture f = BotFixture.start()) {
            f.database().dsl().execute("""
                    insert into inbox (update_id, chat_id, payload, status, received_at, error) values
                      (1, 42, null, 'done', now() - interval '8 days', null),
                      (2, 42, '{"message": {"text": "my passport A1234567"}}', 'failed', now() - interval '8 days', 'x'),
                      (3, 42, null, 'done', now() - interval '1 day', null),
                      (4, 42, '{"message": {"text": "recent"}}', 'failed', now() - interval '1 day', 'x')
                    """);
            try (Transport transport = f.longPolling(new EchoBot())) {
                transport.start();
            }
            assertThat(inboxRows(f, "update_id in (1, 2)")).isZero();
            assertThat(inboxRows(f, "update_id in (3, 4)")).isEqualTo(2);
        }
    }
}
