package org.homeward.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.homeward.bot.testing.BotFixture;
import org.homeward.telegram.fake.FakeBot;
import org.homeward.telegram.fake.SimulatedUser;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** The wrapper sends the method unchanged over the real client and reads back the id, or the usual error. */
class MessageIdOnlyTest {
    @Test
    void sendsTheWrappedMethodAndReturnsTheNewMessageId() throws Exception {
        try (BotFixture f = BotFixture.start()) {
            FakeBot bot = f.bot();
            SimulatedUser user = bot.newUser("Madina", "tg");
            TelegramClient client = f.client();

            int id = client.execute(MessageIdOnly.of(SendMessage.builder().chatId(user.chatId()).text("Салом").build()));

            assertThat(user.received()).singleElement().satisfies(m -> {
                assertThat(m.text()).isEqualTo("Салом");
                assertThat(m.messageId()).isEqualTo(id);
            });
        }
    }

    @Test
    void anErrorArrivesAsTheClientsUsualException() throws Exception {
        try (BotFixture f = BotFixture.start()) {
            FakeBot bot = f.bot();
            SimulatedUser user = bot.newUser("Madina", "tg");
            user.blockBot();
            TelegramClient client = f.client();

            assertThatThrownBy(() -> client.execute(MessageIdOnly.of(
                    SendMessage.builder().chatId(user.chatId()).text("Салом").build())))
                    .isInstanceOfSatisfying(TelegramApiRequestException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(403));
        }
    }
}
