package org.homeward.telegram.fake;

import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;

/** One fake Bot API on a free port with a registered bot and the real TelegramBots client pointed at it. */
final class Fixture implements AutoCloseable {
    static final String TOKEN = "123456:TEST-token_abc";
    static final OkHttpClient OK_HTTP = new OkHttpClient();

    final FakeTelegram telegram = FakeTelegram.start(0);
    final FakeBot bot = telegram.bot(TOKEN);
    final TelegramUrl url = new TelegramUrl("http", "localhost", telegram.baseUrl().getPort(), false);
    final OkHttpTelegramClient client = new OkHttpTelegramClient(OK_HTTP, TOKEN, url);

    OkHttpTelegramClient client(String token) {
        return new OkHttpTelegramClient(OK_HTTP, token, url);
    }

    @Override
    public void close() {
        telegram.close();
    }
}
