package org.homeward.admin.registrations;

import org.homeward.admin.web.Names;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.homeward.admin.web.Texts;
import org.homeward.core.registrations.RegistrationExport;

/**
 * Writes export rows as CSV or XLSX, one travelling person a row, headers in the member's language. Every text a
 * migrant or staff typed may start like a formula: in CSV such a cell gets a leading single quote (OWASP's advice
 * on CSV injection); in XLSX every text is an inline string cell, which spreadsheets never evaluate.
 */
abstract sealed class ExportWriter implements RegistrationExport.RowSink {
    /** The columns: header text key and XLSX width (characters). */
    private enum Column {
        CODE("registrations.code", 11), NUMBER("export.col.number", 5), RELATION("export.col.relation", 14),
        NAME("export.col.name", 32), BIRTH("export.col.birth", 12), SEX("export.col.sex", 6),
        CITIZENSHIP("registration.citizenship", 14), DOCUMENT_TYPE("export.col.document_type", 18),
        DOCUMENT_NUMBER("export.col.document_number", 16), PHONE("registrations.phone", 16),
        PLACE("registrations.place", 24), DESTINATION("registrations.destination", 24),
        DISTRICT("registration.district", 20), NEEDS("registrations.need", 30), LANGUAGE("registrations.language", 12),
        ANSWERS("export.col.requirements", 30), STATUS("registrations.status", 18),
        REGISTERED("export.col.registered", 17), DEPARTURE("registrations.departure", 17),
        DEPARTURE_ANSWER("export.col.departure_answer", 16);

        final String key;
        final int width;

        Column(String key, int width) {
            this.key = key;
            this.width = width;
        }
    }

    /** How many columns an export has. */
    static final int COLUMNS = Column.values().length;
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    final Texts texts;
    final Names names;

    ExportWriter(Texts texts, Names names) {
        this.texts = texts;
        this.names = names;
    }

    /** A CSV export: UTF-8 with a byte-order mark (so Excel reads Tajik and Uzbek letters), CRLF, RFC 4180 quoting. */
    static ExportWriter csv(OutputStream out, char separator, Texts texts, Names names) throws IOException {
        return new Csv(out, separator, texts, names);
    }

    /** An XLSX export: typed dates, a frozen bold header row with an autofilter, fixed column widths. */
    static ExportWriter xlsx(OutputStream out, Texts texts, Names names) {
        return new Xlsx(out, texts, names);
    }

    /** Ends the file (the rows given so far are all); the stream stays open. */
    abstract void finish() throws IOException;

    /**
     * A cell that a spreadsheet would take for a formula (or a control) made inert with a leading single quote, as
     * OWASP's CSV-injection advice says; other text unchanged.
     */
    static String inert(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\n' -> "'" + value;
            default -> value;
        };
    }

    List<String> headers() {
        List<String> h = new ArrayList<>(COLUMNS);
        for (Column c : Column.values()) {
            h.add(texts.get(c.key));
        }
        return h;
    }

    /** The row's text cells, in column order (dates as ISO text; the XLSX writer types those itself). */
    List<String> texts(RegistrationExport.Row r) {
        List<String> v = new ArrayList<>(COLUMNS);
        v.add(nz(r.code()));
        v.add(String.valueOf(r.position() + 1));
        v.add(label("relation.", r.relation()));
        v.add(r.fullName());
        v.add(r.birthDate() == null ? "" : r.birthDate().toString());
        v.add(label("sex.", r.sex()));
        v.add(label("citizenship.", r.citizenship()));
        v.add(label("document.", r.documentType()));
        v.add(nz(r.documentNumber()));
        v.add(nz(r.phone()));
        v.add(r.locationId() == null && r.locationOther() == null ? "" : names.place(r.locationId(), r.locationOther()));
        v.add(r.destinationId() == null ? "" : names.destination(r.destinationId()));
        v.add(nz(r.destinationDistrict()));
        v.add(String.join(", ", r.needs().stream().map(n -> texts.get("need." + n)).toList()));
        v.add(label("language.", r.language()));
        v.add(String.join("; ", r.requirementAnswers().stream().map(this::answer).toList()));
        v.add(r.status() == null ? "" : texts.get("status." + r.status().getLiteral()));
        v.add(minutes(r.registeredAt()));
        v.add(minutes(r.departsAt()));
        v.add(r.departureAnswer() == null ? ""
                : texts.get("registration.departure." + r.departureAnswer().name().toLowerCase(java.util.Locale.ROOT)));
        return v;
    }

    private String answer(String codeAndAnswer) {
        int eq = codeAndAnswer.lastIndexOf('=');
        return codeAndAnswer.substring(0, eq) + ": " + texts.get("registration.answer." + codeAndAnswer.substring(eq + 1));
    }

    private String label(String prefix, String code) {
        return code == null || code.isBlank() ? "" : texts.get(prefix + code.strip());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String minutes(Instant at) {
        return at == null ? "" : utc(at).format(MINUTES);
    }

    private static LocalDateTime utc(Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static final class Csv extends ExportWriter {
        private final CsvWriter csv;

        Csv(OutputStream out, char separator, Texts texts, Names names) throws IOException {
            super(texts, names);
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            // The response's stream is buffered and closed by the caller: FastCSV's close would close it.
            this.csv = CsvWriter.builder().fieldSeparator(separator).lineDelimiter(LineDelimiter.CRLF)
                    .build(new java.io.FilterOutputStream(out) {
                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            out.write(b, off, len);
                        }

                        @Override
                        public void close() throws IOException {
                            out.flush();
                        }
                    }, StandardCharsets.UTF_8);
            csv.writeRecord(headers().stream().map(ExportWriter::inert).toList());
        }

        @Override
        public void accept(RegistrationExport.Row row) {
            csv.writeRecord(texts(row).stream().map(ExportWriter::inert).toList());
        }

        @Override
        void finish() throws IOException {
            csv.close();
        }
    }

    private static final class Xlsx extends ExportWriter {
        /** Rows between flushes of the sheet to the stream: fastexcel holds only these. */
        private static final int FLUSH_EVERY = 500;
        private final Workbook workbook;
        private final Worksheet sheet;
        private int row;

        Xlsx(OutputStream out, Texts texts, Names names) {
            super(texts, names);
            this.workbook = new Workbook(out, "Homeward", "1.0");
            this.sheet = workbook.newWorksheet(texts.get("registrations.title"));
            Column[] columns = Column.values();
            for (int c = 0; c < columns.length; c++) {
                sheet.width(c, columns[c].width);
            }
            List<String> h = headers();
            for (int c = 0; c < h.size(); c++) {
                sheet.inlineString(0, c, h.get(c));
                sheet.style(0, c).bold().set();
            }
            sheet.freezePane(0, 1);
            row = 1;
        }

        @Override
        public void accept(RegistrationExport.Row r) throws IOException {
            List<String> v = texts(r);
            for (int c = 0; c < v.size(); c++) {
                Column column = Column.values()[c];
                switch (column) {
                    case NUMBER -> sheet.value(row, c, r.position() + 1);
                    case BIRTH -> date(c, r.birthDate());
                    case REGISTERED -> dateTime(c, r.registeredAt());
                    case DEPARTURE -> dateTime(c, r.departsAt());
                    default -> {
                        if (!v.get(c).isEmpty()) {
                            sheet.inlineString(row, c, v.get(c));
                        }
                    }
                }
            }
            row++;
            if (row % FLUSH_EVERY == 0) {
                sheet.flush();
            }
        }

        private void date(int c, LocalDate d) {
            if (d != null) {
                sheet.value(row, c, d);
                sheet.style(row, c).format("yyyy-mm-dd").set();
            }
        }

        private void dateTime(int c, Instant at) {
            if (at != null) {
                sheet.value(row, c, utc(at));
                sheet.style(row, c).format("yyyy-mm-dd hh:mm").set();
            }
        }

        @Override
        void finish() throws IOException {
            sheet.setAutoFilter(0, 0, COLUMNS - 1);
            workbook.finish();
        }
    }
}
