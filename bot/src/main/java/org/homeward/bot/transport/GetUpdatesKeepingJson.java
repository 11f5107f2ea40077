package org.homeward.bot.transport;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * A getUpdates that also hands over each update's JSON exactly as Telegram sent it, for the inbox: writing the
 * parsed {@link Update} back out cost a twentieth of the bot's CPU, and would drop any field the library does
 * not know yet (the webhook stores the body as received, too). Errors are read by {@link GetUpdates} itself, so the library's polling behaves as always.
 */
final class GetUpdatesKeepingJson extends GetUpdates {
    /**
     * What one poll brought besides the parsed updates: each update's JSON by update id, and for an update the
     * library could not read (it is handed on as a bare update with only its id, so the offset moves past it) the
     * reason.
     */
    record Batch(Map<Integer, String> json, Map<Integer, String> unreadable) {
        static final Batch EMPTY = new Batch(Map.of(), Map.of());
    }

    @JsonIgnore
    private final transient Consumer<Batch> json;

    GetUpdatesKeepingJson(int offset, int limit, int timeout, List<String> allowedUpdates, Consumer<Batch> json) {
        super(offset, limit, timeout, allowedUpdates);
        this.json = json;
    }

    @Override
    public ArrayList<Update> deserializeResponse(String answer) throws TelegramApiRequestException {
        JsonNode root;
        try {
            root = OBJECT_MAPPER.readTree(Poison.withoutNul(answer));
        } catch (Exception e) {
            return super.deserializeResponse(answer);
        }
        if (root == null || !root.path("ok").asBoolean(false) || !root.path("result").isArray()) {
            return super.deserializeResponse(answer);
        }
        ArrayList<Update> updates = new ArrayList<>(root.path("result").size());
        Map<Integer, String> texts = new HashMap<>();
        Map<Integer, String> unreadable = new HashMap<>();
        for (JsonNode node : root.path("result")) {
            if (!node.path("update_id").canConvertToInt()) {
                // Without an id it can be neither stored nor passed over: whatever the library makes of it.
                return super.deserializeResponse(answer);
            }
            int updateId = node.path("update_id").intValue();
            Update u;
            try {
                u = OBJECT_MAPPER.treeToValue(node, Update.class);
            } catch (Exception e) {
                u = new Update();
                u.setUpdateId(updateId);
                unreadable.put(updateId, e.getClass().getSimpleName());
            }
            updates.add(u);
            texts.put(updateId, node.toString());
        }
        json.accept(new Batch(texts, unreadable));
        return updates;
    }
}
