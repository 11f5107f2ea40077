package org.homeward.admin.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One line of the route table: method, path under /admin ("{name}" matches one segment), who may use it, and what
 * it does. A route cannot be made without an {@link Access}.
 */
public record Route(String method, String path, Access access, Action action) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "every route declares who may use it: " + method + " " + path);
        Objects.requireNonNull(action, "action");
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new IllegalArgumentException("GET or POST only: " + method + " " + path);
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with /: " + path);
        }
    }

    /** A GET route: it must not change anything. */
    public static Route get(String path, Access access, Action action) {
        return new Route("GET", path, access, action);
    }

    /** A POST route: it needs the session's CSRF token. */
    public static Route post(String path, Access access, Action action) {
        return new Route("POST", path, access, action);
    }

    /** The path parameters when {@code actual} matches this route's path, or null. */
    Map<String, String> match(String actual) {
        List<String> want = List.of(path.split("/", -1));
        List<String> got = List.of(actual.split("/", -1));
        if (want.size() != got.size()) {
            return null;
        }
        Map<String, String> params = new TreeMap<>();
        for (int i = 0; i < want.size(); i++) {
            String w = want.get(i);
            String g = got.get(i);
            if (w.startsWith("{") && w.endsWith("}")) {
                if (g.isEmpty()) {
                    return null;
                }
                params.put(w.substring(1, w.length() - 1), g);
            } else if (!w.equals(g)) {
                return null;
            }
        }
        return params;
    }
}
