package org.homeward.bot.testing;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;
import org.homeward.bot.conversation.Conversation;
import org.homeward.bot.delivery.Delivery;
import org.homeward.bot.delivery.DeliveryConfig;
import org.homeward.bot.transport.TelegramClients;
import org.homeward.bot.transport.Transport;
import org.homeward.bot.transport.Pacer;
import org.homeward.bot.transport.UpdateHandler;
import org.homeward.db.Database;
import org.homeward.telegram.fake.FakeBot;
import org.homeward.telegram.fake.FakeTelegram;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * What a bot test runs against, real parts only: a fresh PostgreSQL database (testkit), the fake Bot API on a free
 * port (module telegram-fake) with one bot, and the real TelegramBots client pointed at it; on request the
 * conversation, the transport or the delivery engine on top. {@link #close()} stops everything it started, last
 * started first, the HTTP client's threads and connections included.
 *
 * <p>The database is created when first asked for: a test of the client alone does not pay for one.
 */
public final class BotFixture implements AutoCloseable {
    /** The bot's token at the fake; a process a test starts against {@link #baseUrl()} uses it too. */
    public static final String TOKEN = "7000001:AAbot-fixture-token_abcdefghijkl";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final FakeTelegram fake;
    private final FakeBot bot;
    private final OkHttpClient http;
    private final TelegramClient client;
    private final java.util.Map<UpdateHandler, Transport> direct = new java.util.IdentityHashMap<>();
    private TestDatabase testDatabase;
    private Database database;
    private int offset;

    private BotFixture() {
        try {
            fake = started(FakeTelegram.start(0));
            bot = fake.bot(TOKEN);
            http = okHttp();
            client = TelegramClients.client(http, TOKEN, fake.baseUrl());
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Starts the fake Bot API and the client; the database and the rest come when first asked for. */
    public static BotFixture start() {
        return new BotFixture();
    }

    // ---- the database -------------------------------------------------------------------------------------------

    /** The fresh database of this fixture (created at the first call), for its pooled data source and JDBC URL. */
    public synchronized TestDatabase testDatabase() {
        if (testDatabase == null) {
            testDatabase = started(TestPostgres.newDatabase());
        }
        return testDatabase;
    }

    /** The test database's pooled data source. */
    public DataSource dataSource() {
        return testDatabase().dataSource();
    }

    /**
     * Has the bot's parts use {@code own} (a database the test stops and starts, say) instead of a test database;
     * before anything asked for one. The test closes it.
     */
    public synchronized BotFixture withDatabase(Database own) {
        if (database != null) {
            throw new IllegalStateException("the fixture's database is in use already");
        }
        database = own;
        return this;
    }

    /** Homeward's own {@link Database} on the test database, as the application connects it. */
    public synchronized Database database() {
        if (database == null) {
            TestDatabase db = testDatabase();
            database = started(Database.connect(db.jdbcUrl(), db.user(), "", 8));
        }
        return database;
    }

    // ---- the fake Bot API and the client ------------------------------------------------------------------------

    /** The fake Bot API server. */
    public FakeTelegram fake() {
        return fake;
    }

    /** The bot with {@link #TOKEN} on the fake: its simulated users, the calls it received, its limits and faults. */
    public FakeBot bot() {
        return bot;
    }

    /** The fake's base URL, as the Bot API's would be configured. */
    public URI baseUrl() {
        return fake.baseUrl();
    }

    /** The HTTP client the fixture's Telegram clients share. */
    public OkHttpClient http() {
        return http;
    }

    /** The real TelegramBots client for the bot, pointed at the fake (the delivery engine's also limits each call). */
    public TelegramClient client() {
        return client;
    }

    /**
     * Takes the updates waiting at the fake with the real client's getUpdates (no long poll) and hands each, in
     * order, to {@code handler}, as the transport would without its inbox; the next call starts after them.
     */
    public synchronized void handUpdates(UpdateHandler handler) {
        try {
            List<Update> updates = client.execute(GetUpdates.builder().offset(offset).timeout(0).build());
            for (Update u : updates) {
                direct(handler).handleDirectly(u);
                offset = u.getUpdateId() + 1;
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ---- the bot's parts ----------------------------------------------------------------------------------------

    /** The migrant's conversation on this database, replying through {@link #client()}, at {@code clock}'s time. */
    public Conversation conversation(Clock clock) {
        return new Conversation(clock);
    }

    /**
     * A transport for {@code handler} that is never started: {@link Transport#handleDirectly} runs an update through
     * it as the lanes would (one transaction with its replies, which are then sent), on the caller's thread.
     */
    public synchronized Transport direct(UpdateHandler handler) {
        return direct.computeIfAbsent(handler, h -> started(new Transport(database(), http,
                new Transport.Settings(TOKEN, fake.baseUrl(), Optional.empty()), h, Pacer.NONE)));
    }

    /** The transport in long-polling mode, handing updates to {@code handler}; not yet started. */
    public Transport longPolling(UpdateHandler handler) {
        return transport(Optional.empty(), handler);
    }

    /** The transport in webhook mode at {@code url} with {@code secret}; not yet started. */
    public Transport webhook(URI url, String secret, UpdateHandler handler) {
        return transport(Optional.of(new Transport.Webhook(url, secret)), handler);
    }

    private Transport transport(Optional<Transport.Webhook> webhook, UpdateHandler handler) {
        return transport(new Transport.Settings(TOKEN, fake.baseUrl(), webhook), handler);
    }

    /** A transport with {@code settings} (another reply policy, say), handing updates to {@code handler}; not started. */
    public Transport transport(Transport.Settings settings, UpdateHandler handler) {
        return started(new Transport(database(), http, settings, handler, Pacer.NONE));
    }

    /**
     * A delivery engine on {@code dataSource} (this database, through a pool of the caller's for a second
     * instance), its meters in {@code registry}; not yet started. Each engine has an HTTP client of its own, as
     * each Homeward instance has.
     */
    public Delivery delivery(DeliveryConfig config, DataSource dataSource, MeterRegistry registry) {
        OkHttpClient own = okHttp();
        return started(Delivery.create(config, dataSource, own, TOKEN, fake.baseUrl(), registry));
    }

    // ---- stopping -----------------------------------------------------------------------------------------------

    /** Has {@code resource} (something the test started) closed with the fixture, before what was started earlier. */
    public synchronized <T extends AutoCloseable> T closeLater(T resource) {
        started.push(resource);
        return resource;
    }

    private <T extends AutoCloseable> T started(T resource) {
        return closeLater(resource);
    }

    /** An HTTP client as Homeward's, whose threads and pooled connections go when the fixture closes. */
    private OkHttpClient okHttp() {
        OkHttpClient c = TelegramClients.okHttp();
        closeLater(() -> {
            c.dispatcher().cancelAll();
            c.dispatcher().executorService().shutdown();
            c.connectionPool().evictAll();
        });
        return c;
    }

    /** Stops everything the fixture started, last started first; closing twice does nothing more. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping the bot fixture", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
