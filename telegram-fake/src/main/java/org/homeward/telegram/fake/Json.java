package org.homeward.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one ObjectMapper of the fake and small helpers for reading loosely typed Bot API parameters. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    /** A number parameter that may arrive as a JSON number or as a form string; null when absent. */
    static Long longParam(JsonNode params, String name) {
        JsonNode n = params.get(name);
        if (n == null || n.isNull()) return null;
        if (n.isNumber()) return n.asLong();
        String s = n.asText().trim();
        if (s.isEmpty()) return null;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid " + name + " specified");
        }
    }

    static String textParam(JsonNode params, String name) {
        JsonNode n = params.get(name);
        return n == null || n.isNull() ? null : n.asText();
    }

    static boolean boolParam(JsonNode params, String name) {
        JsonNode n = params.get(name);
        return n != null && (n.isBoolean() ? n.asBoolean() : "true".equalsIgnoreCase(n.asText()));
    }

    /** A parameter that is JSON-serialized in forms (reply_markup, allowed_updates) and inline in JSON bodies. */
    static JsonNode jsonParam(JsonNode params, String name) {
        JsonNode n = params.get(name);
        if (n == null || n.isNull()) return null;
        if (n.isTextual()) {
            String s = n.asText().trim();
            if (s.isEmpty()) return null;
            return read(s);
        }
        return n;
    }
}
