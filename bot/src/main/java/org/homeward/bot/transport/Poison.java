package org.homeward.bot.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * Updates that would stop the bot for everyone if they were retried: they cannot be stored (PostgreSQL's jsonb
 * refuses the character U+0000) or cannot be read into the library's classes (a chat id above 2^63, a message
 * id above 2^31). A NUL is replaced before anyone sees it; an update that cannot be read is kept as received,
 * marked failed with the reason, counted, and passed over, so that everyone else is answered.
 */
final class Poison {
    // On the global registry, which Homeward joins to the one /metrics shows.
    static final Counter UNREADABLE = Counter.builder("homeward.transport.updates_unreadable")
            .description("updates kept as received and passed over: the library could not read them")
            .register(Metrics.globalRegistry);

    private Poison() {}

    /**
     * {@code json} with every escaped NUL ({@code \u0000}) replaced by U+FFFD, the replacement character. JSON has no
     * raw control characters, so an escape is the only way a NUL can come; an escaped backslash before "u0000"
     * is text, not a NUL, and is left alone.
     */
    static String withoutNul(String json) {
        int at = json.indexOf("\\u0000");
        if (at < 0) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length());
        int from = 0;
        while (at >= 0) {
            int backslashes = 0;
            for (int i = at - 1; i >= 0 && json.charAt(i) == '\\'; i--) {
                backslashes++;
            }
            out.append(json, from, at);
            // An odd run of backslashes before it means this one is itself escaped: literal text.
            out.append(backslashes % 2 == 0 ? "\\uFFFD" : "\\u0000");
            from = at + 6;
            at = json.indexOf("\\u0000", from);
        }
        return out.append(json, from, json.length()).toString();
    }
}
