package org.homeward.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homeward.db.jooq.Tables.AUDIT_LOG;

import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.homeward.admin.web.Role;
import org.homeward.testkit.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A download that the browser abandons half-way: the export's transaction ends and its database connection goes
 * back to the pool. The export must be larger than what the sockets and Jetty buffer, so the server is still
 * writing when the browser goes: 40,000 people, written by SQL in one statement each.
 */
@Tag("slow")
class AdminExportCutTest {
    private static AdminFixture admin;

    @BeforeAll
    static void start() throws Exception {
        admin = AdminFixture.start();
        var d = admin.database.dsl();
        d.execute("insert into telegram_user (chat_id, language) select 900000 + g, 'tg' from generate_series(1, 40000) g");
        d.execute("""
                insert into registration (code, chat_id, status, phone, location_id, destination_id, needs, confirmed_at)
                select 'C' || lpad(g::text, 7, '0'), 900000 + g, 'confirmed', '+99290' || lpad(g::text, 7, '0'),
                       (select min(id) from location), (select min(id) from destination), '{}', now()
                from generate_series(1, 40000) g""");
        d.execute("""
                insert into traveller (registration_id, position, relation, full_name, birth_date, sex, citizenship,
                                       document_type, document_number)
                select id, 0, 'self', 'Ҷӯраев Фарҳод ' || id, date '1985-01-02', 'M', 'TJ', 'passport', 'P' || lpad(id::text, 8, '0')
                from registration""");
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    @Test
    void aDownloadCutShortGivesItsDatabaseConnectionBack() throws Exception {
        Browser coordinator = admin.loggedIn("cut@example.org", Role.COORDINATOR);
        coordinator.get("/admin/registrations/export");
        String body = "_csrf=" + URLEncoder.encode(coordinator.csrf, StandardCharsets.UTF_8)
                + "&format=csv&separator=%2C&reason=cut";
        var pool = ((HikariDataSource) admin.database.dataSource()).getHikariPoolMXBean();
        try (Socket socket = new Socket("localhost", admin.base().getPort())) {
            socket.setReceiveBufferSize(4096);
            socket.getOutputStream().write(("POST /admin/registrations/export HTTP/1.1\r\nHost: localhost\r\n"
                    + "Cookie: homeward=" + coordinator.cookie + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n"
                    + body).getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] first = in.readNBytes(4096);
            assertThat(new String(first, StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200");
            // The server blocks on its write with the cursor open: one connection in use, until the socket goes.
            Await.until("the export holds its connection while writing", () -> pool.getActiveConnections() == 1);
        }
        Await.until("the cut export gives its connection back", () -> pool.getActiveConnections() == 0);
        assertThat(admin.database.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("registrations.export"))).isEqualTo(1);
        // The app still answers, with every connection free for the next one.
        assertThat(coordinator.get("/admin/registrations/export?q=nobody").statusCode()).isEqualTo(200);
    }
}
