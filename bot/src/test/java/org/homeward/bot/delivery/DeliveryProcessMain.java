package org.homeward.bot.delivery;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.homeward.bot.testing.BotFixture;
import org.homeward.bot.transport.TelegramClients;

/**
 * A Homeward instance doing nothing but delivery, for the crash test: {@code <jdbcUrl> <user> <botApiUrl>}. It runs
 * until killed, or until the test's JVM ends (the end of its standard input).
 */
public final class DeliveryProcessMain {
    private DeliveryProcessMain() {}

    /** Starts the engine on the given database and Bot API. */
    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(args[1]);
        config.setMaximumPoolSize(8);
        HikariDataSource dataSource = new HikariDataSource(config);
        DeliveryConfig delivery = Harness.config(1000).withPaidRate(1000).withSendTimeout(Duration.ofSeconds(1))
                .withLease(Duration.ofSeconds(3));
        OkHttpClient http = TelegramClients.okHttp();
        Delivery engine = Delivery.create(delivery, dataSource, http, BotFixture.TOKEN, URI.create(args[2]),
                Harness.registry());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            dataSource.close();
        }));
        engine.start();
        System.out.println("delivery started");
        // The test kills this process; should the test's JVM die first, its end of the pipe closes and so do we.
        while (System.in.read() != -1) {
            // nothing is sent on it
        }
        System.exit(0);
    }
}
