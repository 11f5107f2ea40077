package org.homeward.core.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatPseudonymTest {
    @AfterEach
    void freshKey() {
        ChatPseudonym.useKey(ChatPseudonym.newKey());
    }

    @Test
    void aChatKeepsItsPseudonymUnderOneKeyAndTheIdNeverShows() {
        long chatId = 5_123_456_789L;
        ChatPseudonym.useKey(HexFormat.of().parseHex("00112233445566778899aabbccddeeff"));

        String pseudonym = ChatPseudonym.of(chatId);

        assertThat(pseudonym).matches("c-[0-9a-f]{12}").doesNotContain(Long.toString(chatId))
                .isEqualTo(ChatPseudonym.of(chatId)).isNotEqualTo(ChatPseudonym.of(chatId + 1));
        ChatPseudonym.useKey(HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100"));
        assertThat(ChatPseudonym.of(chatId)).isNotEqualTo(pseudonym);
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> ChatPseudonym.useKey(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
