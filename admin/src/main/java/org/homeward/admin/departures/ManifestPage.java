package org.homeward.admin.departures;

import org.homeward.admin.web.Names;
import java.time.ZoneId;
import java.util.List;
import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;
import org.homeward.core.departures.Manifest;
import org.homeward.core.departures.StaffDepartures;
import org.homeward.core.outbox.Outbox;
import org.homeward.db.Database;

/**
 * A departure's passenger manifest: GET says how many confirmed travellers it holds (and how many assigned have
 * not confirmed, left out) and asks for the form and a reason; POST checks the reason, audits the manifest
 * (departure, format, rows, reason) and sends it as an XLSX file or as a page to print.
 */
final class ManifestPage implements Action {
    /** The longest reason accepted (as for registration exports). */
    static final int MAX_REASON = 200;
    /** Rows per printed sheet: each group shows its row range and the running total, so a loose page is placed. */
    static final int ROWS_PER_SHEET = 20;

    private final Database database;

    ManifestPage(Database database) {
        this.database = database;
    }

    @Override
    public Result handle(Exchange exchange) {
        long id = DeparturePage.number(exchange.param("id"));
        if (exchange.method().equals("GET")) {
            return page(exchange, id, 200, Form.empty().value("format", "xlsx"));
        }
        String reason = exchange.form("reason").strip();
        String format = exchange.form("format").equals("print") ? "print" : "xlsx";
        Form form = Form.empty().value("reason", exchange.form("reason")).value("format", format);
        if (reason.isEmpty()) {
            form.error("reason", "export.reason.required");
        } else if (reason.codePointCount(0, reason.length()) > MAX_REASON) {
            form.error("reason", "export.reason.long");
        }
        if (!form.valid()) {
            return page(exchange, id, 422, form);
        }
        record Read(StaffDepartures.Summary summary, List<Manifest.Row> rows, Names names) {}
        Read read = database.dsl().transactionResult(c -> {
            var tx = c.dsl();
            // One snapshot for the departure and its rows.
            tx.execute("set transaction isolation level repeatable read, read only");
            var summary = new StaffDepartures(tx, new Outbox()).summary(id).orElse(null);
            return summary == null ? null
                    : new Read(summary, new Manifest(tx).rows(id), new Names(tx, exchange.texts().language()));
        });
        if (read == null) {
            return DeparturePage.notFound(exchange);
        }
        AuditLog.record(database, exchange.now(), AuditLog.Actor.of(exchange), "departure.manifest", "departure:" + id,
                "format=" + format + " rows=" + read.rows().size() + " reason=" + reason);
        var departure = read.summary().departure();
        // The departure's id and local date only: no personal data in a file name.
        String date = departure.getDepartsAt().atZone(ZoneId.of(read.summary().place().getTimeZone())).toLocalDate().toString();
        if (format.equals("xlsx")) {
            var texts = exchange.texts();
            return new Result.Stream("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "homeward-manifest-" + id + "-" + date + ".xlsx",
                    out -> ManifestWriter.write(out, texts, read.names(), read.rows()));
        }
        var texts = exchange.texts();
        List<List<String>> cells = read.rows().stream().map(r -> ManifestWriter.cells(texts, read.names(), r)).toList();
        return exchange.render(200, "manifest_print.jte", "s", read.summary(), "names", read.names(),
                "headers", ManifestWriter.headers(texts), "sheets", sheets(cells), "total", cells.size());
    }

    /** The rows in groups of {@link #ROWS_PER_SHEET}. */
    static List<List<List<String>>> sheets(List<List<String>> rows) {
        List<List<List<String>>> out = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i += ROWS_PER_SHEET) {
            out.add(rows.subList(i, Math.min(rows.size(), i + ROWS_PER_SHEET)));
        }
        return out;
    }

    private Result page(Exchange exchange, long id, int status, Form form) {
        record Counts(StaffDepartures.Summary summary, int rows, Manifest.Unconfirmed unconfirmed, Names names) {}
        Counts counts = database.dsl().transactionResult(c -> {
            var tx = c.dsl();
            var summary = new StaffDepartures(tx, new Outbox()).summary(id).orElse(null);
            Manifest m = new Manifest(tx);
            return summary == null ? null : new Counts(summary, m.rows(id).size(), m.unconfirmed(id),
                    new Names(tx, exchange.texts().language()));
        });
        if (counts == null) {
            return DeparturePage.notFound(exchange);
        }
        return exchange.render(status, "manifest.jte", "s", counts.summary(), "names", counts.names(),
                "rows", counts.rows(), "unconfirmed", counts.unconfirmed(), "form", form);
    }
}
