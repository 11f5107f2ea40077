package org.homeward.telegram.fake;

import java.util.regex.Pattern;

/** Telegram's text as the user sees it: formatting markup removed, so limits count what Telegram counts. */
final class TextRules {
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern MD_LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");

    private TextRules() {}

    /** The text after entity parsing (https://core.telegram.org/bots/api#formatting-options). */
    static String visible(String text, String parseMode) {
        if (parseMode == null || parseMode.isEmpty()) return text;
        switch (parseMode) {
            case "HTML" -> {
                return TAG.matcher(text).replaceAll("").replace("&lt;", "<").replace("&gt;", ">")
                        .replace("&quot;", "\"").replace("&amp;", "&");
            }
            case "MarkdownV2", "Markdown" -> {
                String s = MD_LINK.matcher(text).replaceAll("$1");
                StringBuilder out = new StringBuilder(s.length());
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '\\' && i + 1 < s.length() && parseMode.equals("MarkdownV2")) {
                        out.append(s.charAt(++i));
                    } else if (c != '*' && c != '_' && c != '~' && c != '`' && c != '|') {
                        out.append(c);
                    }
                }
                return out.toString();
            }
            default -> throw ApiException.badRequest("unsupported parse_mode");
        }
    }
}
