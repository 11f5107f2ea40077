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
    @JsonIgnore
    private final transient Consumer<Map<Integer, String>> json;

    GetUpdatesKeepingJson(int offset, int limit, int timeout, List<String> allowedUpdates,
            Consumer<Map<Integer, String>> json) {
        super(offset, limit, timeout, allowedUpdates);
        this.json = json;
    }

    @Override
    public ArrayList<Update> deserializeResponse(String answer) throws TelegramApiRequestException {
        JsonNode root;
        try {
            root = OBJECT_MAPPER.readTree(answer);
        } catch (Exception e) {
            return super.deserializeResponse(answer);
        }
        if (root == null || !root.path("ok").asBoolean(false) || !root.path("result").isArray()) {
            return super.deserializeResponse(answer);
        }
        ArrayList<Update> updates = new ArrayList<>(root.path("result").size());
        Map<Integer, String> texts = new HashMap<>();
        try {
            for (JsonNode node : root.path("result")) {
                Update u = OBJECT_MAPPER.treeToValue(node, Update.class);
                updates.add(u);
                if (u.getUpdateId() != null) {
                    texts.put(u.getUpdateId(), node.toString());
                }
            }
        } catch (Exception e) {
            // Whatever the library makes of an answer it cannot read, as it would without us.
            return super.deserializeResponse(answer);
        }
        json.accept(texts);
        return updates;
    }
}
