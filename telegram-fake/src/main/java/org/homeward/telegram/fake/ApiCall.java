package org.homeward.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One Bot API call the fake answered.
 *
 * @param method canonical method name, e.g. {@code sendMessage}, whatever case the client used
 * @param params the parameters as JSON, whether they came as JSON, form or query
 * @param time when the call arrived
 * @param status the HTTP status answered (0 when the connection was dropped on purpose, or when the client had gone
 *     before its held call reached the bot: {@link Faults#delayNext})
 */
public record ApiCall(String method, JsonNode params, Instant time, int status) {
    /** The text of a parameter, or null. */
    public String param(String name) {
        JsonNode n = params.get(name);
        return n == null || n.isNull() ? null : n.isValueNode() ? n.asText() : n.toString();
    }
}
