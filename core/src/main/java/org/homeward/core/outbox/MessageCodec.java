package org.homeward.core.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.homeward.core.outbox.OutgoingMessage.Button;
import org.homeward.core.outbox.OutgoingMessage.Text;
import org.homeward.i18n.Language;

/** Stores a message's arguments and keyboard as JSON in {@code delivery_message} and reads them back. */
final class MessageCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageCodec() {}

    static String args(Map<String, ?> args) {
        if (args.isEmpty()) {
            return null;
        }
        ObjectNode node = JSON.createObjectNode();
        args.forEach((k, v) -> node.set(k, value(v)));
        return node.toString();
    }

    static Map<String, Object> args(String json) {
        Map<String, Object> args = new LinkedHashMap<>();
        if (json == null) {
            return args;
        }
        JsonNode node = read(json);
        node.properties().forEach(e -> args.put(e.getKey(), value(e.getValue())));
        return args;
    }

    static String keyboard(List<List<Button>> keyboard) {
        if (keyboard.isEmpty()) {
            return null;
        }
        ArrayNode rows = JSON.createArrayNode();
        for (List<Button> row : keyboard) {
            ArrayNode buttons = rows.addArray();
            for (Button b : row) {
                ObjectNode button = buttons.addObject();
                button.set("label", text(b.label()));
                if (b.callbackData() != null) {
                    button.put("callback", b.callbackData());
                } else {
                    button.put("url", b.url());
                }
            }
        }
        return rows.toString();
    }

    static List<List<Button>> keyboard(String json) {
        List<List<Button>> rows = new ArrayList<>();
        if (json == null) {
            return rows;
        }
        for (JsonNode row : read(json)) {
            List<Button> buttons = new ArrayList<>();
            for (JsonNode b : row) {
                Text label = text(b.get("label"));
                buttons.add(b.has("callback")
                        ? Button.callback(label, b.get("callback").asText())
                        : Button.url(label, b.get("url").asText()));
            }
            rows.add(buttons);
        }
        return rows;
    }

    private static JsonNode text(Text text) {
        ObjectNode node = JSON.createObjectNode();
        switch (text) {
            case Text.Key key -> {
                node.put("key", key.key());
                ObjectNode args = node.putObject("args");
                key.args().forEach((k, v) -> args.set(k, value(v)));
            }
            case Text.Written written -> written.texts().forEach((language, s) -> node.put(language.code(), s));
        }
        return node;
    }

    private static Text text(JsonNode node) {
        if (node.has("key")) {
            Map<String, Object> args = new LinkedHashMap<>();
            node.path("args").properties().forEach(e -> args.put(e.getKey(), value(e.getValue())));
            return Text.key(node.get("key").asText(), args);
        }
        Map<Language, String> texts = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            if (node.hasNonNull(language.code())) {
                texts.put(language, node.get(language.code()).asText());
            }
        }
        return Text.written(texts);
    }

    private static JsonNode value(Object v) {
        return switch (v) {
            case String s -> JSON.getNodeFactory().textNode(s);
            case Boolean b -> JSON.getNodeFactory().booleanNode(b);
            case Integer i -> JSON.getNodeFactory().numberNode(i);
            case Long l -> JSON.getNodeFactory().numberNode(l);
            case Number n -> JSON.getNodeFactory().numberNode(new BigDecimal(n.toString()));
            // A time is kept apart from strings, with its zone, so that it is shown as the same wall time again.
            case ZonedDateTime t -> JSON.createObjectNode().put("instant", t.toInstant().toString())
                    .put("zone", t.getZone().getId());
            default -> throw new IllegalArgumentException("unsupported argument type " + v.getClass().getSimpleName());
        };
    }

    private static Object value(JsonNode node) {
        if (node.isObject() && node.has("instant")) {
            Instant instant = Instant.parse(node.get("instant").asText());
            // Without a zone (stored before times carried theirs) it stays an Instant, which a Key refuses: the
            // message's recipients then fail with the reason rather than see the time in a wrong zone.
            return node.hasNonNull("zone") ? ZonedDateTime.ofInstant(instant, ZoneId.of(node.get("zone").asText()))
                    : instant;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asText();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored message JSON is unreadable", e);
        }
    }
}
