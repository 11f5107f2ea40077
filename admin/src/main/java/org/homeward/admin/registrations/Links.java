package org.homeward.admin.registrations;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Query strings for links that keep the list's search and filters. */
public final class Links {
    private Links() {}

    /** name=value&… of the non-empty entries, URL-encoded. */
    public static String query(Map<String, String> values) {
        return values.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
