package org.homeward.bot.transport;

import java.net.URI;
import java.time.Duration;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** Builds the Telegram client and HTTP client every part of Homeward talks to the Bot API with. */
public final class TelegramClients {
    private TelegramClients() {}

    /** The library's {@link TelegramUrl} for a base URL such as {@code https://api.telegram.org}. */
    public static TelegramUrl url(URI baseUrl) {
        String scheme = baseUrl.getScheme();
        int port = baseUrl.getPort() != -1 ? baseUrl.getPort() : ("https".equals(scheme) ? 443 : 80);
        return new TelegramUrl(scheme, baseUrl.getHost(), port, false);
    }

    /**
     * An HTTP client sized for many parallel requests: OkHttp's default dispatcher allows only 5 per host,
     * which would cap replies and broadcasts far below Telegram's 30 messages per second.
     */
    public static OkHttpClient okHttp() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(256);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(64, 5, java.util.concurrent.TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(10))
                // Long polling holds getUpdates open for its timeout (50 s here); leave room beyond it.
                .readTimeout(Duration.ofSeconds(75))
                .writeTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** A client for the bot with {@code token} at {@code baseUrl}, sharing {@code okHttp}'s connections. */
    public static TelegramClient client(OkHttpClient okHttp, String token, URI baseUrl) {
        return new OkHttpTelegramClient(okHttp, token, url(baseUrl));
    }
}
