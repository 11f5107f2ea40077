package org.homeward.telegram.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough multipart/form-data for Bot API calls: text fields are kept, files are noted by name. */
final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

    private Multipart() {}

    /** Parses {@code body} (decoded as ISO-8859-1 so bytes survive) into {@code into}. */
    static void parse(String contentType, String body, ObjectNode into) {
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) throw new IllegalArgumentException("no boundary");
        String delimiter = "--" + b.group(1);
        for (String part : body.split(Pattern.quote(delimiter))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) continue;
            String headers = part.substring(0, headerEnd);
            Matcher n = NAME.matcher(headers);
            if (!n.find()) continue;
            String value = part.substring(headerEnd + 4);
            if (value.endsWith("\r\n")) value = value.substring(0, value.length() - 2);
            Matcher f = FILENAME.matcher(headers);
            if (f.find()) {
                into.put(n.group(1), "attach://" + f.group(1));
            } else {
                into.put(n.group(1), new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            }
        }
    }
}
