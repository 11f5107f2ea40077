package org.homeward.bot.delivery;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.time.Duration;

/**
 * A Homeward instance doing nothing but delivery, for the crash test: {@code <jdbcUrl> <user> <botApiUrl>}. It runs
 * until killed.
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
        DeliveryConfig delivery = Harness.config(1000).withPaidRate(1000).withLease(Duration.ofSeconds(3));
        Delivery engine = Harness.engine(delivery, dataSource, URI.create(args[2]), Harness.registry());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            dataSource.close();
        }));
        engine.start();
        System.out.println("delivery started");
        Thread.sleep(Long.MAX_VALUE);
    }
}
