package org.homeward.bot.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The smallest Bot API stand-in for delivery tests while the project's fake (module telegram-fake) is being
 * written: sendMessage only, Telegram's bot-wide limit (answered with a real 429 and retry_after), and scripted
 * faults. Speaks the real wire format, so the real TelegramBots client is what is tested.
 */
final class StubBotApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One sendMessage call as the server saw it. */
    record Call(long chatId, String text, boolean paid, boolean hasKeyboard, long atNanos, long atMillis, int status) {}

    private final Server server;
    private final List<Call> calls = new ArrayList<>();
    private final Deque<String> script = new ArrayDeque<>();
    private final Map<Long, String> forbidden = new ConcurrentHashMap<>();
    private final Deque<Long> window = new ArrayDeque<>();
    private final AtomicInteger messageIds = new AtomicInteger();
    private volatile int botLimit; // 0: off
    private volatile long throttledUntilNanos;

    private StubBotApi(int botLimit) throws Exception {
        this.botLimit = botLimit;
        QueuedThreadPool threads = new QueuedThreadPool(200);
        threads.setName("stub-telegram");
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = request.getHttpURI().getPath();
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                String[] answer = path.endsWith("/sendmessage") ? send(JSON.readTree(body))
                        : path.endsWith("/getme") ? new String[] {"200", "{\"ok\":true,\"result\":{\"id\":123456,"
                                + "\"is_bot\":true,\"first_name\":\"Homeward\",\"username\":\"homeward_bot\"}}"}
                        : new String[] {"404", "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}"};
                response.setStatus(Integer.parseInt(answer[0]));
                response.getHeaders().put("Content-Type", "application/json");
                response.write(true, ByteBuffer.wrap(answer[1].getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.start();
    }

    /** A server on a free port with Telegram's limit of {@code botLimit} sends per second (0: none). */
    static StubBotApi start(int botLimit) throws Exception {
        return new StubBotApi(botLimit);
    }

    URI baseUrl() {
        return URI.create("http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    void botLimit(int perSecond) {
        botLimit = perSecond;
    }

    /** The next {@code n} sends get 429 with {@code retryAfter} seconds. */
    synchronized void throttleNext(int n, int retryAfter) {
        for (int i = 0; i < n; i++) {
            script.add("429:" + retryAfter);
        }
    }

    /** The next {@code n} sends get 502 Bad Gateway. */
    synchronized void failNext(int n) {
        for (int i = 0; i < n; i++) {
            script.add("502");
        }
    }

    /** Sends to {@code chatId} get 403 with this description, e.g. "Forbidden: bot was blocked by the user". */
    void forbid(long chatId, String description) {
        forbidden.put(chatId, description);
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<Call> accepted() {
        return calls.stream().filter(c -> c.status() == 200).toList();
    }

    private synchronized String[] send(JsonNode p) {
        long now = System.nanoTime();
        long chatId = p.path("chat_id").asLong();
        String text = p.path("text").asText();
        boolean paid = p.path("allow_paid_broadcast").asBoolean(false);
        boolean keyboard = p.has("reply_markup");
        String[] answer;
        String step = script.poll();
        if (step != null && step.startsWith("429:")) {
            int retry = Integer.parseInt(step.substring(4));
            throttledUntilNanos = now + retry * 1_000_000_000L;
            answer = tooMany(retry);
        } else if ("502".equals(step)) {
            answer = new String[] {"502", "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}"};
        } else if (now < throttledUntilNanos) {
            answer = tooMany((int) Math.max(1, (throttledUntilNanos - now + 999_999_999L) / 1_000_000_000L));
        } else if (forbidden.containsKey(chatId)) {
            answer = new String[] {"403", "{\"ok\":false,\"error_code\":403,\"description\":"
                    + JSON.getNodeFactory().textNode(forbidden.get(chatId)) + "}"};
        } else {
            while (!window.isEmpty() && now - window.peekFirst() >= 1_000_000_000L) {
                window.pollFirst();
            }
            int limit = botLimit;
            if (limit > 0 && window.size() >= limit) {
                answer = tooMany(1);
            } else {
                window.addLast(now);
                int id = messageIds.incrementAndGet();
                answer = new String[] {"200", "{\"ok\":true,\"result\":{\"message_id\":" + id + ",\"date\":"
                        + System.currentTimeMillis() / 1000 + ",\"chat\":{\"id\":" + chatId
                        + ",\"type\":\"private\"},\"text\":" + JSON.getNodeFactory().textNode(text) + "}}"};
            }
        }
        calls.add(new Call(chatId, text, paid, keyboard, now, System.currentTimeMillis(), Integer.parseInt(answer[0])));
        return answer;
    }

    private static String[] tooMany(int retryAfter) {
        return new String[] {"429", "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after "
                + retryAfter + "\",\"parameters\":{\"retry_after\":" + retryAfter + "}}"};
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
