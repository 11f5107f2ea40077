package org.homeward.bot.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

class GetUpdatesKeepingJsonTest {
    private final AtomicReference<GetUpdatesKeepingJson.Batch> handed = new AtomicReference<>();
    private final GetUpdatesKeepingJson getUpdates = new GetUpdatesKeepingJson(1, 100, 50, List.of(), handed::set);

    @Test
    void eachUpdatesJsonIsHandedOverAsTelegramSentIt() throws Exception {
        String update = """
                {"update_id":7,"message":{"message_id":3,"date":1796000000,"chat":{"id":42,"type":"private"},\
                "from":{"id":42,"is_bot":false,"first_name":"Zarina"},"text":"салом","field_from_the_future":1}}""";

        ArrayList<Update> updates = getUpdates.deserializeResponse("{\"ok\":true,\"result\":[" + update + "]}");

        assertThat(updates).singleElement().satisfies(u -> {
            assertThat(u.getUpdateId()).isEqualTo(7);
            assertThat(u.getMessage().getText()).isEqualTo("салом");
        });
        assertThat(handed.get().json()).containsOnlyKeys(7);
        assertThat(handed.get().json().get(7)).contains("\"field_from_the_future\":1").contains("салом");
        assertThat(handed.get().unreadable()).isEmpty();
    }

    @Test
    void anUpdateTheLibraryCannotReadIsHandedOnAsABareIdAndTheRestAsUsual() throws Exception {
        String tooBig = """
                {"update_id":8,"message":{"message_id":3,"date":1796000000,"chat":{"id":9223372036854775808,"type":"private"},\
                "from":{"id":42,"is_bot":false,"first_name":"Zarina"},"text":"x"}}""";
        String fine = """
                {"update_id":9,"message":{"message_id":4,"date":1796000000,"chat":{"id":42,"type":"private"},\
                "from":{"id":42,"is_bot":false,"first_name":"Zarina"},"text":"a\\u0000b \\\\u0000"}}""";

        ArrayList<Update> updates = getUpdates.deserializeResponse("{\"ok\":true,\"result\":[" + tooBig + "," + fine + "]}");

        assertThat(updates).extracting(Update::getUpdateId).containsExactly(8, 9);
        assertThat(updates.getFirst().hasMessage()).isFalse();
        // A NUL becomes U+FFFD; a backslash typed before "u0000" is text and stays.
        assertThat(updates.get(1).getMessage().getText()).isEqualTo("a\uFFFDb \\u0000");
        assertThat(handed.get().unreadable()).containsOnlyKeys(8);
        assertThat(handed.get().json().get(8)).contains("9223372036854775808");
        assertThat(handed.get().json().get(9)).doesNotContain("\\u0000b");
    }

    @Test
    void anErrorIsReadAsTheLibraryReadsIt() {
        assertThatThrownBy(() -> getUpdates.deserializeResponse(
                "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict: terminated by other getUpdates request\"}"))
                .isInstanceOfSatisfying(TelegramApiRequestException.class, e -> assertThat(e.getErrorCode()).isEqualTo(409));
        assertThat(handed.get()).isNull();
    }
}
