package org.homeward.telegram.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Bot API wire format spoken by other clients than TelegramBots: query, form, multipart, any method case. */
class WireFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    private HttpResponse<String> post(String token, String method, String contentType, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(f.telegram.baseUrl() + "/bot" + token + "/" + method));
        if (contentType != null) b.header("Content-Type", contentType);
        return HTTP.send(b.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String... pairs) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!s.isEmpty()) s.append('&');
            s.append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    @Test
    void urlencodedFormWithJsonSerializedMarkup() throws Exception {
        SimulatedUser user = f.bot.newUser("Anvar", "ru");
        var r = post(Fixture.TOKEN, "SendMessage", "application/x-www-form-urlencoded", form("chat_id",
                Long.toString(user.chatId()), "text", "Привет", "reply_markup",
                "{\"inline_keyboard\":[[{\"text\":\"Да\",\"callback_data\":\"yes\"}]]}"));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("ok").asBoolean()).isTrue();
        assertThat(body.path("result").path("text").asText()).isEqualTo("Привет");
        assertThat(user.received().getFirst().callbackData("Да")).isEqualTo("yes");
        assertThat(f.bot.calls().getFirst().method()).isEqualTo("sendMessage");
    }

    @Test
    void multipartForm() throws Exception {
        SimulatedUser user = f.bot.newUser("Anvar", "uz");
        String boundary = "XyZ123";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n" + user.chatId()
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"text\"\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nSalom, dunyo ✓\r\n--" + boundary + "--\r\n";
        var r = post(Fixture.TOKEN, "sendmessage", "multipart/form-data; boundary=" + boundary, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(user.received().getFirst().text()).isEqualTo("Salom, dunyo ✓");
    }

    @Test
    void queryParametersAndExactErrorBodies() throws Exception {
        SimulatedUser user = f.bot.newUser("Anvar", null);
        var ok = HTTP.send(HttpRequest.newBuilder(URI.create(f.telegram.baseUrl() + "/bot" + Fixture.TOKEN
                + "/sendMessage?chat_id=" + user.chatId() + "&text=hi")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);

        assertThat(post("1:WRONG", "getMe", null, "").body())
                .isEqualTo("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
        var notFound = post(Fixture.TOKEN, "sendTelepathy", null, "");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).isEqualTo("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
        var badJson = post(Fixture.TOKEN, "sendMessage", "application/json", "{oops");
        assertThat(badJson.statusCode()).isEqualTo(400);

        var hook = JSON.readTree(post(Fixture.TOKEN, "setWebhook", "application/json",
                "{\"url\":\"http://127.0.0.1:9/hook\"}").body());
        assertThat(hook.toString()).isEqualTo("{\"ok\":true,\"result\":true,\"description\":\"Webhook was set\"}");
        var info = JSON.readTree(post(Fixture.TOKEN, "getWebhookInfo", null, "").body()).path("result");
        assertThat(info.path("url").asText()).isEqualTo("http://127.0.0.1:9/hook");
        var deleted = JSON.readTree(post(Fixture.TOKEN, "deleteWebhook", null, "").body());
        assertThat(deleted.path("description").asText()).isEqualTo("Webhook was deleted");
    }

    @Test
    void enqueueRawDeliversTheSameUpdateTwice() throws Exception {
        String update = "{\"update_id\":777,\"message\":{\"message_id\":1,\"date\":1714000000,"
                + "\"chat\":{\"id\":5,\"type\":\"private\"},\"text\":\"again\"}}";
        f.bot.enqueueRaw(update);
        f.bot.enqueueRaw(update);
        JsonNode got = JSON.readTree(post(Fixture.TOKEN, "getUpdates", null, "").body()).path("result");
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).isEqualTo(got.get(1));
    }
}
