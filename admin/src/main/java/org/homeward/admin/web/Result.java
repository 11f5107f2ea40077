package org.homeward.admin.web;

import java.util.Map;

/** What a route's action answers: a page, a redirect, bytes (static files) or a streamed download. */
public sealed interface Result {
    /** A jte template rendered with {@code params} (the page's {@link Page} is added as "page"). */
    record Render(int status, String template, Map<String, Object> params) implements Result {}

    /** 303 See Other: after a form, or to where a member must go next. */
    record Redirect(String location) implements Result {}

    /** Raw bytes with their content type and caching. */
    record Bytes(String contentType, byte[] body, String cacheControl) implements Result {}

    /**
     * A download written straight to the response as it is produced (an export), never held whole in memory.
     *
     * @param fileName the attachment's name; it must carry no personal data
     */
    record Stream(String contentType, String fileName, Body body) implements Result {}

    /** Writes a download's bytes; an exception before the first byte becomes the error page, after it a cut answer. */
    @FunctionalInterface
    interface Body {
        /** Writes to {@code out}, which must not be closed. */
        void writeTo(java.io.OutputStream out) throws Exception;
    }

    /** A page with status 200. */
    static Result page(String template, Map<String, Object> params) {
        return new Render(200, template, params);
    }

    /** A page with a status of its own (422 for a refused form). */
    static Result page(int status, String template, Map<String, Object> params) {
        return new Render(status, template, params);
    }

    /** A redirect to a path of the admin app ("/accounts" becomes "/admin/accounts"). */
    static Result redirect(String adminPath) {
        return new Redirect(AdminHandler.BASE + adminPath);
    }
}
