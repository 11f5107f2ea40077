package org.homeward.admin.departures;

import org.homeward.admin.web.Names;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.homeward.admin.web.Texts;
import org.homeward.core.departures.Manifest;

/**
 * A manifest as XLSX: every text an inline string cell (never evaluated, so no formula neutralisation is needed),
 * the date of birth a typed date, a frozen bold header row with an autofilter, fixed column widths.
 */
final class ManifestWriter {
    /** The columns: header text key and width (characters). */
    enum Column {
        NUMBER("manifest.col.number", 5), NAME("export.col.name", 32), BIRTH("export.col.birth", 12),
        SEX("export.col.sex", 6), CITIZENSHIP("registration.citizenship", 14),
        DOCUMENT_TYPE("export.col.document_type", 18), DOCUMENT_NUMBER("export.col.document_number", 16),
        PHONE("registrations.phone", 16), DESTINATION("registrations.destination", 28),
        CODE("registrations.code", 11);

        final String key;
        final int width;

        Column(String key, int width) {
            this.key = key;
            this.width = width;
        }
    }

    private ManifestWriter() {}

    /** Writes the workbook; the stream stays open. */
    static void write(OutputStream out, Texts texts, Names names, List<Manifest.Row> rows) throws IOException {
        Workbook workbook = new Workbook(out, "Homeward", "1.0");
        Worksheet sheet = workbook.newWorksheet(texts.get("manifest.sheet"));
        Column[] columns = Column.values();
        for (int c = 0; c < columns.length; c++) {
            sheet.width(c, columns[c].width);
            sheet.inlineString(0, c, texts.get(columns[c].key));
            sheet.style(0, c).bold().set();
        }
        sheet.freezePane(0, 1);
        int r = 1;
        for (Manifest.Row row : rows) {
            List<String> v = cells(texts, names, row);
            for (int c = 0; c < columns.length; c++) {
                switch (columns[c]) {
                    case NUMBER -> sheet.value(r, c, row.number());
                    case BIRTH -> {
                        if (row.birthDate() != null) {
                            sheet.value(r, c, row.birthDate());
                            sheet.style(r, c).format("yyyy-mm-dd").set();
                        }
                    }
                    default -> {
                        if (!v.get(c).isEmpty()) {
                            sheet.inlineString(r, c, v.get(c));
                        }
                    }
                }
            }
            r++;
        }
        sheet.setAutoFilter(0, 0, columns.length - 1);
        workbook.finish();
    }

    /** The column headers in the member's language. */
    static List<String> headers(Texts texts) {
        return java.util.Arrays.stream(Column.values()).map(c -> texts.get(c.key)).toList();
    }

    /** A row's cells as text, in column order (the page to print shows the same). */
    static List<String> cells(Texts texts, Names names, Manifest.Row row) {
        return List.of(String.valueOf(row.number()), row.fullName(),
                row.birthDate() == null ? "" : row.birthDate().toString(), label(texts, "sex.", row.sex()),
                label(texts, "citizenship.", row.citizenship()), label(texts, "document.", row.documentType()),
                nz(row.documentNumber()), nz(row.phone()), destination(names, row), row.code());
    }

    private static String destination(Names names, Manifest.Row row) {
        String district = row.destinationDistrict() == null || row.destinationDistrict().isBlank() ? ""
                : row.destinationDistrict().strip();
        if (row.destinationId() == null) {
            return district;
        }
        String region = names.destination(row.destinationId());
        return district.isEmpty() ? region : region + ", " + district;
    }

    private static String label(Texts texts, String prefix, String code) {
        return code == null || code.isBlank() ? "" : texts.get(prefix + code.strip());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
