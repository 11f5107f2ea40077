package org.homeward.telegram.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.menubutton.SetChatMenuButton;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendLocation;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.menubutton.MenuButtonCommands;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ForceReplyKeyboard;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardRemove;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** The real TelegramBots client against the fake: what it sends is accepted, what the fake answers parses. */
class BotApiClientTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static InlineKeyboardMarkup inline(String text, String data) {
        return InlineKeyboardMarkup.builder()
                .keyboardRow(new InlineKeyboardRow(InlineKeyboardButton.builder().text(text).callbackData(data).build()))
                .build();
    }

    @Test
    void getMeAnswersForTheBotOfTheToken() throws Exception {
        User me = f.client.execute(new GetMe());
        assertThat(me.getId()).isEqualTo(123456L);
        assertThat(me.getIsBot()).isTrue();
        assertThat(me.getUserName()).isEqualTo(f.bot.username());
        assertThat(f.bot.calls()).extracting(ApiCall::method).containsExactly("getMe");
    }

    @Test
    void unknownTokenIsUnauthorized() {
        var e = catchThrowableOfType(TelegramApiRequestException.class, () -> f.client("999:NOPE").execute(new GetMe()));
        assertThat(e.getErrorCode()).isEqualTo(401);
        assertThat(e.getApiResponse()).isEqualTo("Unauthorized");
    }

    @Test
    void sendMessageWithKeyboardsIsRecordedAsTheUserSeesIt() throws Exception {
        SimulatedUser user = f.bot.newUser("Dilshod", "tg");
        Message sent = f.client.execute(SendMessage.builder().chatId(user.chatId()).text("<b>Salom</b> & welcome")
                .parseMode("HTML").replyMarkup(inline("Yes", "consent:yes")).build());
        assertThat(sent.getMessageId()).isEqualTo(1);
        assertThat(sent.getText()).isEqualTo("Salom & welcome");
        assertThat(sent.getDate()).isGreaterThan(1_700_000_000);
        assertThat(sent.getReplyMarkup().getKeyboard().getFirst().getFirst().getCallbackData()).isEqualTo("consent:yes");

        f.client.execute(SendMessage.builder().chatId(user.chatId()).text("Share your phone")
                .replyMarkup(ReplyKeyboardMarkup.builder()
                        .keyboardRow(new KeyboardRow(KeyboardButton.builder().text("Phone").requestContact(true).build()))
                        .keyboardRow(new KeyboardRow(KeyboardButton.builder().text("Where").requestLocation(true).build()))
                        .resizeKeyboard(true).oneTimeKeyboard(true).build())
                .build());
        assertThat(user.replyKeyboard()).isNotNull();
        f.client.execute(SendMessage.builder().chatId(user.chatId()).text("Thanks")
                .replyMarkup(ReplyKeyboardRemove.builder().removeKeyboard(true).build()).build());
        f.client.execute(SendMessage.builder().chatId(user.chatId()).text("Your name?")
                .replyMarkup(ForceReplyKeyboard.builder().forceReply(true).build()).build());
        f.client.execute(SendLocation.builder().chatId(user.chatId()).latitude(41.3686).longitude(69.2039).build());

        List<BotMessage> got = user.awaitReceived(5, Duration.ofSeconds(5));
        assertThat(got).extracting(BotMessage::messageId).containsExactly(1, 2, 3, 4, 5);
        assertThat(got.get(0).inlineButtons()).singleElement()
                .satisfies(b -> assertThat(b.callbackData()).isEqualTo("consent:yes"));
        assertThat(got.get(1).keyboardButtons()).extracting(BotMessage.Button::requestContact, BotMessage.Button::requestLocation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, false), org.assertj.core.groups.Tuple.tuple(false, true));
        assertThat(got.get(2).removesKeyboard()).isTrue();
        assertThat(user.replyKeyboard()).isNull();
        assertThat(got.get(3).forceReply()).isTrue();
        assertThat(got.get(4).kind()).isEqualTo("location");
        assertThat(got.get(4).latitude()).isEqualTo(41.3686);
        assertThat(f.bot.calls("sendMessage")).hasSize(4).allSatisfy(c -> assertThat(c.status()).isEqualTo(200));
    }

    @Test
    void aVenueArrivesAsAPlaceWithItsTitleAndAnIncompleteOneIsRefused() throws Exception {
        SimulatedUser user = f.bot.newUser("Farhod", "tg");
        Message sent = f.client.execute(org.telegram.telegrambots.meta.api.methods.send.SendVenue.builder()
                .chatId(user.chatId()).latitude(41.3686).longitude(69.2039).title("Назди дарвоза")
                .address("Гузаргоҳи «Жибек Жоли»").build());
        assertThat(sent.getVenue().getTitle()).isEqualTo("Назди дарвоза");
        assertThat(sent.getVenue().getAddress()).isEqualTo("Гузаргоҳи «Жибек Жоли»");
        assertThat(sent.getLocation().getLatitude()).isEqualTo(41.3686);
        BotMessage got = user.awaitReceived(1, Duration.ofSeconds(5)).getFirst();
        assertThat(got.kind()).isEqualTo("venue");
        assertThat(got.text()).isEqualTo("Назди дарвоза");
        assertThat(got.longitude()).isEqualTo(69.2039);
        // Telegram requires the address.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.client.execute(
                        org.telegram.telegrambots.meta.api.methods.send.SendVenue.builder().chatId(user.chatId())
                                .latitude(41.3686).longitude(69.2039).title("x").address(" ").build()))
                .isInstanceOf(Exception.class);
    }

    @Test
    void editAndDeleteChangeTheMessageInPlaceKeepingHistory() throws Exception {
        SimulatedUser user = f.bot.newUser("Malika", "uz");
        Message sent = f.client.execute(SendMessage.builder().chatId(user.chatId()).text("Pick")
                .replyMarkup(inline("A", "a")).build());
        var edited = f.client.execute(EditMessageText.builder().chatId(user.chatId()).messageId(sent.getMessageId())
                .text("Picked A").build());
        assertThat(((Message) edited).getText()).isEqualTo("Picked A");
        var notModified = catchThrowableOfType(TelegramApiRequestException.class, () -> f.client.execute(
                EditMessageText.builder().chatId(user.chatId()).messageId(sent.getMessageId()).text("Picked A").build()));
        assertThat(notModified.getErrorCode()).isEqualTo(400);
        assertThat(notModified.getApiResponse()).startsWith("Bad Request: message is not modified");

        f.client.execute(EditMessageReplyMarkup.builder().chatId(user.chatId()).messageId(sent.getMessageId())
                .replyMarkup(inline("Undo", "undo")).build());
        BotMessage now = user.received().getFirst();
        assertThat(now.text()).isEqualTo("Picked A");
        assertThat(now.previousTexts()).containsExactly("Pick");
        assertThat(now.callbackData("Undo")).isEqualTo("undo");

        assertThat(f.client.execute(DeleteMessage.builder().chatId(user.chatId()).messageId(sent.getMessageId()).build()))
                .isTrue();
        assertThat(user.received().getFirst().deleted()).isTrue();
        var again = catchThrowableOfType(TelegramApiRequestException.class, () -> f.client.execute(
                DeleteMessage.builder().chatId(user.chatId()).messageId(sent.getMessageId()).build()));
        assertThat(again.getApiResponse()).isEqualTo("Bad Request: message to delete not found");
    }

    @Test
    void callbackQueriesCarryTheirMessageAndMustBeAnsweredOnce() throws Exception {
        SimulatedUser user = f.bot.newUser("Farrukh", "ru");
        Message sent = f.client.execute(SendMessage.builder().chatId(user.chatId()).text("Go?")
                .replyMarkup(inline("Go", "go")).build());
        user.pressButton(sent.getMessageId(), "go");
        List<Update> updates = f.client.execute(GetUpdates.builder().build());
        var query = updates.getFirst().getCallbackQuery();
        assertThat(query.getData()).isEqualTo("go");
        assertThat(query.getMessage().getMessageId()).isEqualTo(sent.getMessageId());
        assertThat(f.bot.unansweredCallbackQueries()).containsExactly(query.getId());

        assertThat(f.client.execute(AnswerCallbackQuery.builder().callbackQueryId(query.getId()).text("OK").build())).isTrue();
        assertThat(f.bot.unansweredCallbackQueries()).isEmpty();
        assertThatThrownBy(() -> f.client.execute(AnswerCallbackQuery.builder().callbackQueryId(query.getId()).build()))
                .isInstanceOf(TelegramApiRequestException.class).hasMessageContaining("query is too old");
    }

    @Test
    void validationErrorsAreTelegrams() {
        SimulatedUser user = f.bot.newUser("Aziz", null);
        assertError(() -> f.client.execute(SendMessage.builder().chatId(user.chatId()).text("  ").build()),
                400, "Bad Request: message text is empty");
        assertError(() -> f.client.execute(SendMessage.builder().chatId(user.chatId()).text("<b></b>").parseMode("HTML").build()),
                400, "Bad Request: message text is empty");
        // 2,048 emoji are 4,096 UTF-16 units: allowed; one letter more is too long.
        String emoji = "\uD83D\uDE8C".repeat(2048);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> f.client.execute(SendMessage.builder().chatId(user.chatId()).text(emoji).build()))).isNull();
        assertError(() -> f.client.execute(SendMessage.builder().chatId(user.chatId()).text(emoji + "a").build()),
                400, "Bad Request: message is too long");
        assertError(() -> f.client.execute(SendMessage.builder().chatId(user.chatId()).text("x")
                .replyMarkup(inline("x", "д".repeat(33))).build()), 400, "Bad Request: BUTTON_DATA_INVALID");
        assertError(() -> f.client.execute(SendMessage.builder().chatId(42L).text("x").build()),
                400, "Bad Request: chat not found");
        assertThat(f.bot.calls("sendMessage")).extracting(ApiCall::status).containsExactly(400, 400, 200, 400, 400, 400);
    }

    @Test
    void commandsMenuAndChatActionsAreAcceptedAndRecorded() throws Exception {
        SimulatedUser user = f.bot.newUser("Zarina", "tg");
        assertThat(f.client.execute(SetMyCommands.builder().commands(List.of(new BotCommand("start", "Start"))).build())).isTrue();
        assertThat(f.client.execute(SetChatMenuButton.builder().chatId(user.chatId())
                .menuButton(MenuButtonCommands.builder().build()).build())).isTrue();
        assertThat(f.client.execute(SendChatAction.builder().chatId(user.chatId()).action("typing").build())).isTrue();
        assertThat(f.bot.calls()).extracting(ApiCall::method)
                .containsExactly("setMyCommands", "setChatMenuButton", "sendChatAction");
        assertThat(f.bot.calls().getFirst().params().toString()).contains("\"start\"");
    }

    static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int code, String description) {
        var e = catchThrowableOfType(TelegramApiRequestException.class, call);
        assertThat(e).as("expected %s %s", code, description).isNotNull();
        assertThat(e.getErrorCode()).isEqualTo(code);
        assertThat(e.getApiResponse()).isEqualTo(description);
    }
}
