package org.homeward.app;

import java.util.regex.Pattern;

/** Hides secrets that libraries may put into messages: passwords in URLs and bot tokens in Bot API paths. */
final class Secrets {
    // password=… in a JDBC URL or query string; user:password@ in a URL.
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&\\s]*|(//[^/:@\\s]+:)[^@/\\s]+@");
    // https://core.telegram.org/bots/api#making-requests: https://api.telegram.org/bot<token>/METHOD_NAME
    private static final Pattern TOKEN = Pattern.compile("bot[0-9]{1,20}:[A-Za-z0-9_-]{20,100}");

    private Secrets() {}

    /** {@code text} with every password and bot token replaced by {@code ***}. */
    static String redact(String text) {
        String hidden = PASSWORD.matcher(text).replaceAll(m -> m.group(1) != null ? "$1***" : "$2***@");
        return TOKEN.matcher(hidden).replaceAll("bot***");
    }
}
