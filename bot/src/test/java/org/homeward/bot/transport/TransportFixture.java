package org.homeward.bot.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import org.homeward.db.Database;
import org.homeward.telegram.fake.FakeBot;
import org.homeward.telegram.fake.FakeTelegram;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** A fresh database, a fake Bot API on a free port, and the real client pointed at it. */
final class TransportFixture implements AutoCloseable {
    static final String TOKEN = "7000001:AAtransport-test-token_abcdefghijkl";

    final TestDatabase testDatabase = TestPostgres.newDatabase();
    final Database database = Database.connect(testDatabase.jdbcUrl(), testDatabase.user(), null, 8);
    final FakeTelegram fake = FakeTelegram.start(0);
    final FakeBot bot = fake.bot(TOKEN);
    final OkHttpClient http = TelegramClients.okHttp();
    final TelegramClient telegram = TelegramClients.replyClient(http, TOKEN, fake.baseUrl());

    Transport longPolling(UpdateHandler handler) {
        return new Transport(database, http, telegram,
                new Transport.Settings(TOKEN, fake.baseUrl(), java.util.Optional.empty()), handler);
    }

    int inboxRows(String where) {
        return database.dsl().fetchCount(database.dsl().selectOne().from("inbox").where(where));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        fake.close();
        database.close();
        testDatabase.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
