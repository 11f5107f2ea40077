package org.homeward.admin.registrations;

import org.homeward.admin.web.Names;
import java.util.Map;
import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;
import org.homeward.core.registrations.RegistrationExport;
import org.homeward.core.registrations.RegistrationSearch;
import org.homeward.core.registrations.RegistrationSearch.Filter;
import org.homeward.db.Database;
import org.jooq.DSLContext;

/**
 * The registrations export: GET shows how many people the list's filters give (saying so when none) and asks for
 * the format, the CSV separator and a reason; POST checks the reason, audits the export (who, when, filters, rows,
 * reason) and streams the file from a database cursor to the response.
 */
final class ExportPage implements Action {
    /** The longest reason accepted. */
    static final int MAX_REASON = 200;

    private final Database database;

    ExportPage(Database database) {
        this.database = database;
    }

    @Override
    public Result handle(Exchange exchange) {
        Map<String, String> query = RegistrationsPage.query(exchange);
        Filter filter = RegistrationsPage.filter(query);
        if (exchange.method().equals("GET")) {
            return page(exchange, query, filter, 200, Form.empty().value("format", "xlsx").value("separator", ","));
        }
        String reason = exchange.form("reason").strip();
        String format = exchange.form("format").equals("csv") ? "csv" : "xlsx";
        char separator = exchange.form("separator").equals(";") ? ';' : ',';
        Form form = Form.empty().value("reason", exchange.form("reason")).value("format", format)
                .value("separator", String.valueOf(separator));
        if (reason.isEmpty()) {
            form.error("reason", "export.reason.required");
        } else if (reason.codePointCount(0, reason.length()) > MAX_REASON) {
            form.error("reason", "export.reason.long");
        }
        if (!form.valid()) {
            return page(exchange, query, filter, 422, form);
        }
        String fileName = "homeward-registrations-" + exchange.now().atZone(java.time.ZoneOffset.UTC).toLocalDate()
                + "." + format;
        String type = format.equals("csv") ? "text/csv; charset=utf-8"
                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        // The structured filters as given; a search text may be a name or a document number, so only its use is kept.
        Map<String, String> audited = new java.util.LinkedHashMap<>(query);
        if (!audited.get("q").isEmpty()) {
            audited.put("q", "(search)");
        }
        String filters = Links.query(audited);
        AuditLog.Actor actor = AuditLog.Actor.of(exchange);
        var texts = exchange.texts();
        return new Result.Stream(type, fileName, out -> database.dsl().transaction(c -> {
            DSLContext tx = c.dsl();
            // One snapshot for the count that is audited and the rows that are sent.
            tx.execute("set transaction isolation level repeatable read, read only");
            RegistrationExport export = new RegistrationExport(tx);
            int rows = export.count(filter);
            // Audited in a transaction of its own before the first byte: an export cut short is still on record.
            AuditLog.record(database, exchange.now(), actor, "registrations.export", null,
                    "format=" + format + (format.equals("csv") ? " separator=" + separator : "") + " rows=" + rows
                            + " filters=" + (filters.isEmpty() ? "none" : filters) + " reason=" + reason);
            ExportWriter writer = format.equals("csv") ? ExportWriter.csv(out, separator, texts, new Names(tx, texts.language()))
                    : ExportWriter.xlsx(out, texts, new Names(tx, texts.language()));
            export.forEach(filter, writer);
            writer.finish();
        }));
    }

    private Result page(Exchange exchange, Map<String, String> query, Filter filter, int status, Form form) {
        int[] counts = database.dsl().transactionResult(c -> {
            var tx = c.dsl();
            return new int[] {new RegistrationExport(tx).count(filter),
                    new RegistrationSearch(tx).count(filter)};
        });
        String kept = Links.query(query);
        return exchange.render(status, "export.jte", "people", counts[0], "registrations", counts[1],
                "action", "/registrations/export" + (kept.isEmpty() ? "" : "?" + kept),
                "back", "/registrations" + (kept.isEmpty() ? "" : "?" + kept), "form", form);
    }
}
