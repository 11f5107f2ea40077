package org.homeward.bot.conversation;

import static org.homeward.db.jooq.Tables.CONVERSATION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.time.Instant;
import java.util.Optional;
import org.homeward.core.people.ChatPseudonym;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where each chat stands in the conversation and its answers so far, inside the transaction of the update. */
final class ConversationStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ConversationStore.class);
    // On the global registry, which Homeward joins to the one /metrics shows.
    private static final Counter DRAFTS_UNREADABLE = Counter.builder("homeward.conversation.drafts_unreadable")
            .description("stored drafts that could not be read back and were dropped").register(Metrics.globalRegistry);

    private final DSLContext tx;

    ConversationStore(DSLContext tx) {
        this.tx = tx;
    }

    /**
     * Where a chat stood; {@code answersLost} when its stored answers could not be read back; {@code questionMessageId}
     * the last question sent with buttons bound to a state, null when none is known.
     */
    record Saved(State state, Draft draft, boolean answersLost, Integer questionMessageId) {}

    Optional<Saved> load(long chatId) {
        var row = tx.select(CONVERSATION.STATE, CONVERSATION.DRAFT, CONVERSATION.QUESTION_MESSAGE_ID).from(CONVERSATION)
                .where(CONVERSATION.CHAT_ID.eq(chatId)).fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        State state;
        try {
            state = State.valueOf(row.value1());
        } catch (IllegalArgumentException e) {
            // A state from an older version of the bot: start again from the menu, keeping the answers.
            state = State.MENU;
        }
        try {
            return Optional.of(new Saved(state, JSON.readValue(row.value2().data(), Draft.class), false, row.value3()));
        } catch (JsonProcessingException e) {
            // Written by an older or newer version of the bot, or edited by hand. The answers are lost, so no
            // question that relies on them is asked: back to the menu. Counted and logged, never its content.
            DRAFTS_UNREADABLE.increment();
            LOG.warn("draft of chat {} could not be read ({}); its answers are dropped and the chat is back at the menu",
                    ChatPseudonym.of(chatId), e.getClass().getSimpleName());
            return Optional.of(new Saved(State.MENU, new Draft(), true, row.value3()));
        }
    }

    /** Saves where the chat stands; {@code questionMessageId} is the question still open with its buttons, or null. */
    void save(long chatId, State state, Draft draft, Integer questionMessageId, Instant now) {
        JSONB json;
        try {
            json = JSONB.valueOf(JSON.writeValueAsString(draft));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("draft not serialisable", e);
        }
        tx.insertInto(CONVERSATION)
                .set(CONVERSATION.CHAT_ID, chatId)
                .set(CONVERSATION.STATE, state.name())
                .set(CONVERSATION.DRAFT, json)
                .set(CONVERSATION.QUESTION_MESSAGE_ID, questionMessageId)
                .set(CONVERSATION.UPDATED_AT, now)
                .onConflict(CONVERSATION.CHAT_ID)
                .doUpdate()
                .set(CONVERSATION.STATE, state.name())
                .set(CONVERSATION.DRAFT, json)
                .set(CONVERSATION.QUESTION_MESSAGE_ID, questionMessageId)
                .set(CONVERSATION.UPDATED_AT, now)
                .execute();
    }

    /** Whether the chat has a conversation stored (it has written, and has not had its data erased since). */
    static boolean knows(DSLContext dsl, long chatId) {
        return dsl.fetchExists(CONVERSATION, CONVERSATION.CHAT_ID.eq(chatId));
    }

    /**
     * Remembers the question just sent, once Telegram has given its id: after the update's transaction, as the id
     * exists only once the reply is sent. An erased chat has no row, and nothing is written.
     */
    static void rememberQuestion(DSLContext dsl, long chatId, int messageId) {
        dsl.update(CONVERSATION).set(CONVERSATION.QUESTION_MESSAGE_ID, messageId)
                .where(CONVERSATION.CHAT_ID.eq(chatId)).execute();
    }
}
