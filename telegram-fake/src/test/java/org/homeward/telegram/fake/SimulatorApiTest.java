package org.homeward.telegram.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;

/** The simulator's JSON API without a browser: users, actions, and the long-poll of chat changes. */
class SimulatorApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final FakeTelegram fake = FakeTelegram.inProcess();
    private final Server server = new Server();
    private String base;
    private OkHttpTelegramClient bot;

    @BeforeEach
    void start() throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Sequence(new SimulatorHandler(fake, Fixture.TOKEN), fake.handler()));
        server.start();
        fake.baseUrl(URI.create("http://localhost:" + connector.getLocalPort()));
        base = fake.baseUrl() + "/simulator";
        bot = new OkHttpTelegramClient(Fixture.OK_HTTP, Fixture.TOKEN,
                new TelegramUrl("http", "localhost", connector.getLocalPort(), false));
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        fake.close();
    }

    private JsonNode call(String path, String body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(base + path));
        if (body != null) b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void usersActionsAndChangesSinceAVersion() throws Exception {
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString())
                .body()).contains("<title>Homeward simulator</title>");
        long id = call("/api/users", "{\"firstName\":\"Gulnora\",\"languageCode\":\"none\"}").path("id").asLong();
        assertThat(call("/api/users", null).get(0).path("languageCode").isNull()).isTrue();

        call("/api/users/" + id + "/send", "{\"text\":\"/start\"}");
        call("/api/users/" + id + "/contact", "{}");
        call("/api/users/" + id + "/location", "{\"latitude\":43.2389,\"longitude\":76.8897}");
        JsonNode all = call("/api/users/" + id + "/messages?since=-1", null);
        assertThat(all.path("messages")).extracting(m -> m.path("kind").asText())
                .containsExactly("text", "contact", "location");
        long version = all.path("version").asLong();
        assertThat(fake.bot(Fixture.TOKEN).user(id).received()).isEmpty();

        // A held poll answers when the bot writes; a deletion comes as a change of the same message.
        CompletableFuture<JsonNode> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return call("/api/users/" + id + "/messages?since=" + version + "&wait=20", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int sent = bot.execute(SendMessage.builder().chatId(id).text("<script>alert(1)</script>").build()).getMessageId();
        JsonNode changes = poll.get();
        assertThat(changes.path("messages")).singleElement()
                .satisfies(m -> assertThat(m.path("text").asText()).isEqualTo("<script>alert(1)</script>"));
        bot.execute(DeleteMessage.builder().chatId(id).messageId(sent).build());
        JsonNode deleted = call("/api/users/" + id + "/messages?since=" + changes.path("version").asLong(), null);
        assertThat(deleted.path("messages").get(0).path("deleted").asBoolean()).isTrue();
    }
}
