package org.homeward.bench;

import static org.homeward.db.jooq.Tables.STAFF_ACCOUNT;

import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.homeward.admin.AdminApp;
import org.homeward.admin.AdminConfig;
import org.homeward.admin.account.Passwords;
import org.homeward.db.Database;
import org.homeward.db.EmbeddedPostgresServer;

/**
 * Registration exports over 100,000 registrations with their families (the admin benchmark's data): a coordinator
 * downloads every registration as CSV and as XLSX over HTTP, then three exports run at once, then a download is cut
 * after its first bytes. Meant for a JVM limited to {@code -Xmx256m} (server, database pool and client share it):
 * the exports stream from a cursor, so the heap's peak stays far below the files' size. Targets: CSV under 2 s,
 * XLSX under 6 s; three at once without running out of memory; a cut download leaves no connection in use.
 */
final class ExportBenchmark {
    private static final String PASSWORD = "bench password for coordinators";

    private ExportBenchmark() {}

    static void main(String[] args) throws Exception {
        int registrations = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("homeward-bench-export");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"));
                Database database = Database.connect(pg.jdbcUrl(), pg.user(), null, 10)) {
            long t0 = System.nanoTime();
            int travellers = AdminBenchmark.seed(database.dsl(), registrations, new Random(42));
            database.dsl().execute("analyze");
            System.out.printf("seeded %,d registrations, %,d travellers in %.1f s; max heap %d MB%n", registrations,
                    travellers, (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().maxMemory() >> 20);
            AdminApp app = AdminApp.start(database, AdminConfig.local(0), Clock.systemUTC(),
                    new PrintStream(OutputStream.nullOutputStream()));
            database.dsl().insertInto(STAFF_ACCOUNT).set(STAFF_ACCOUNT.EMAIL, "coordinator@example.org")
                    .set(STAFF_ACCOUNT.ROLE, "coordinator").set(STAFF_ACCOUNT.LANGUAGE, "en")
                    .set(STAFF_ACCOUNT.PASSWORD_HASH, Passwords.owasp().hash(PASSWORD))
                    .set(STAFF_ACCOUNT.CREATED_AT, Instant.now()).set(STAFF_ACCOUNT.UPDATED_AT, Instant.now()).execute();
            Server server = AdminApp.newServer(0, app);
            server.start();
            try {
                int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
                Client client = new Client(URI.create("http://localhost:" + port));
                client.login("coordinator@example.org", PASSWORD);
                run(client, port, (HikariDataSource) database.dataSource(), rounds);
            } finally {
                server.stop();
            }
        }
    }

    private static void run(Client client, int port, HikariDataSource pool, int rounds) throws Exception {
        resetPeaks();
        System.out.println();
        System.out.println("case                          runs   best s  median s   file size");
        measure(client, "csv (comma)", rounds, "csv");
        measure(client, "xlsx", rounds, "xlsx");
        System.out.printf("heap used at its peak (garbage not yet collected included) so far: %d MB%n", peakHeapMb());

        ExecutorService three = Executors.newFixedThreadPool(3);
        long start = System.nanoTime();
        List<Future<long[]>> runs = new ArrayList<>();
        for (String format : List.of("csv", "xlsx", "xlsx")) {
            runs.add(three.submit(() -> client.export(format)));
        }
        StringBuilder each = new StringBuilder();
        for (Future<long[]> f : runs) {
            long[] r = f.get();
            each.append(String.format(" %.2f s/%,d B", r[0] / 1e9, r[1]));
        }
        three.shutdown();
        System.out.printf("three at once (csv, xlsx, xlsx): all done in %.2f s;%s%n", (System.nanoTime() - start) / 1e9,
                each);
        System.out.printf("heap used at its peak (garbage included): %d MB of %d MB%n", peakHeapMb(), Runtime.getRuntime().maxMemory() >> 20);

        // A browser that goes away after 64 KB: the export's transaction must end and give its connection back.
        client.cut(port, 64 * 1024);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (pool.getHikariPoolMXBean().getActiveConnections() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        System.out.printf("after a download cut at 64 KB: %d database connections in use%n",
                pool.getHikariPoolMXBean().getActiveConnections());
    }

    private static void measure(Client client, String name, int rounds, String format) throws Exception {
        client.export(format); // warm-up: the JIT and PostgreSQL's caches
        long[] nanos = new long[rounds];
        long bytes = 0;
        for (int i = 0; i < rounds; i++) {
            long[] r = client.export(format);
            nanos[i] = r[0];
            bytes = r[1];
        }
        Arrays.sort(nanos);
        System.out.printf("%-29s %4d %8.2f %9.2f   %,d B%n", name, rounds, nanos[0] / 1e9, nanos[rounds / 2] / 1e9, bytes);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    private static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A coordinator's browser: the session cookie and the CSRF token of the last page. */
    private static final class Client {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        private final URI base;
        private volatile String csrf;

        Client(URI base) {
            this.base = base;
        }

        private String page(String path) throws Exception {
            String body = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = CSRF.matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on " + path);
            }
            csrf = m.group(1);
            return body;
        }

        void login(String email, String password) throws Exception {
            page("/admin/login");
            String form = "_csrf=" + enc(csrf) + "&email=" + enc(email) + "&password=" + enc(password);
            var answer = http.send(HttpRequest.newBuilder(base.resolve("/admin/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 303) {
                throw new IllegalStateException("login failed: " + answer.statusCode());
            }
            page("/admin/registrations/export");
        }

        private String form(String format) {
            return "_csrf=" + enc(csrf) + "&format=" + format + "&separator=%2C&reason=" + enc("benchmark");
        }

        /** Downloads every registration in {@code format}, counting the bytes without keeping them: nanos, bytes. */
        long[] export(String format) throws Exception {
            long start = System.nanoTime();
            HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(base.resolve("/admin/registrations/export"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(format))).build(), HttpResponse.BodyHandlers.ofInputStream());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("export answered " + answer.statusCode());
            }
            long bytes;
            try (InputStream in = answer.body()) {
                bytes = in.transferTo(OutputStream.nullOutputStream());
            }
            return new long[] {System.nanoTime() - start, bytes};
        }

        /** Starts a CSV export on a plain socket and closes it after {@code bytes}. */
        void cut(int port, int bytes) throws Exception {
            String body = form("csv");
            String cookie = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("homeward"))
                    .findFirst().orElseThrow().getValue();
            try (Socket socket = new Socket("localhost", port)) {
                socket.getOutputStream().write(("POST /admin/registrations/export HTTP/1.1\r\nHost: localhost\r\n"
                        + "Cookie: homeward=" + cookie + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[8192];
                int read = 0;
                while (read < bytes) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        throw new IllegalStateException("the export ended before " + bytes + " bytes");
                    }
                    read += n;
                }
            }
        }
    }
}
