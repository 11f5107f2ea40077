package org.homeward.admin.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The stylesheet and htmx, served by Homeward itself: the app must work on a LAN with no internet. */
public final class StaticFiles {
    /** The htmx version of the webjar on the class path (filled in by the build). */
    static final String HTMX_VERSION = htmxVersion();
    /** Paths under /admin. The htmx path names its version, so browsers may keep it. */
    public static final String CSS_PATH = "/static/admin.css";
    public static final String HTMX_PATH = "/static/htmx-" + HTMX_VERSION + ".min.js";

    private StaticFiles() {}

    /** The stylesheet; browsers check back after five minutes. */
    public static Action css() {
        byte[] body = read("/org/homeward/admin/web/admin.css");
        return exchange -> new Result.Bytes("text/css; charset=utf-8", body, "public, max-age=300");
    }

    /** htmx from its webjar; versioned, so kept a day. */
    public static Action htmx() {
        byte[] body = read("/META-INF/resources/webjars/htmx.org/" + HTMX_VERSION + "/dist/htmx.min.js");
        return exchange -> new Result.Bytes("text/javascript; charset=utf-8", body, "public, max-age=86400");
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    private static String htmxVersion() {
        try (InputStream in = StaticFiles.class.getResourceAsStream("versions.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("htmx");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("versions.properties is missing from the admin jar", e);
        }
    }
}
