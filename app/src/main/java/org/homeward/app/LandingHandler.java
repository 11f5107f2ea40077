package org.homeward.app;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.homeward.i18n.AdminTexts;
import org.homeward.i18n.StaffLanguage;

/**
 * Simulator mode's front page at "/": the two things a newcomer can open, the Telegram simulator and the admin
 * app, in the browser's language (Russian or English). Any other unknown path is a 404.
 */
final class LandingHandler extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"/".equals(Request.getPathInContext(request))) {
            return false;
        }
        String accept = request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE);
        StaffLanguage language = accept != null && accept.toLowerCase(Locale.ROOT).trim().startsWith("en")
                ? StaffLanguage.EN : StaffLanguage.RU;
        AdminTexts t = AdminTexts.get();
        String html = "<!DOCTYPE html><html lang=\"" + language.code() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Homeward</title>"
                + "<link rel=\"stylesheet\" href=\"/admin/static/admin.css\"></head><body><main>"
                + "<section class=\"card narrow\"><h1>Homeward</h1><p>" + t.format(language, "landing.intro") + "</p>"
                + "<p><a class=\"button\" id=\"to-simulator\" href=\"/simulator\">" + t.format(language, "landing.simulator")
                + "</a></p><p><a class=\"button\" id=\"to-admin\" href=\"/admin/\">" + t.format(language, "landing.admin")
                + "</a></p><p class=\"small\">" + t.format(language, "landing.password") + "</p></section></main></body></html>";
        response.setStatus(200);
        var h = response.getHeaders();
        h.put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        h.put("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "same-origin");
        response.write(true, ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
