package org.homeward.bot.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

class GetUpdatesKeepingJsonTest {
    private final AtomicReference<Map<Integer, String>> handed = new AtomicReference<>();
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
        assertThat(handed.get()).containsOnlyKeys(7);
        assertThat(handed.get().get(7)).contains("\"field_from_the_future\":1").contains("салом");
    }

    @Test
    void anErrorIsReadAsTheLibraryReadsIt() {
        assertThatThrownBy(() -> getUpdates.deserializeResponse(
                "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict: terminated by other getUpdates request\"}"))
                .isInstanceOfSatisfying(TelegramApiRequestException.class, e -> assertThat(e.getErrorCode()).isEqualTo(409));
        assertThat(handed.get()).isNull();
    }
}
