package org.homeward.admin.settings;

import java.util.List;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.core.settings.StaffSettings.Values;
import org.homeward.db.jooq.tables.records.OperationSettingsRecord;

/** The settings form: what was typed, checked field by field against the database's rules; typed values kept. */
final class SettingsForm {
    static final int MAX_NAME = 300;
    static final int MAX_RECIPIENTS = 500;
    static final List<String> LANGUAGES = List.of("tg", "ru", "uz");

    private SettingsForm() {}

    /** The typed form and, when every field is right, the values. */
    record Parsed(Form typed, Values values) {}

    /** The form filled with the stored settings. */
    static Form of(OperationSettingsRecord r) {
        return Form.empty()
                .value("name_tg", r.getNameTg()).value("name_ru", r.getNameRu()).value("name_uz", r.getNameUz())
                .value("hotline", r.getHotlinePhone())
                .value("recipients_tg", r.getRecipientsTg()).value("recipients_ru", r.getRecipientsRu())
                .value("recipients_uz", r.getRecipientsUz())
                .value("retention", String.valueOf(r.getRetentionMonths()))
                .value("version", String.valueOf(r.getVersion()));
    }

    static Parsed parse(Exchange ex) {
        Form f = Form.empty();
        for (String field : List.of("name_tg", "name_ru", "name_uz", "hotline", "recipients_tg", "recipients_ru",
                "recipients_uz", "retention", "version")) {
            f.value(field, ex.form(field));
        }
        for (String l : LANGUAGES) {
            text(f, "name_" + l, MAX_NAME);
            text(f, "recipients_" + l, MAX_RECIPIENTS);
        }
        // Spaces, dashes and brackets as people write phone numbers are dropped; the database keeps + and digits.
        String hotline = f.value("hotline").replaceAll("[\\s()\\-]", "");
        if (!hotline.matches("\\+[0-9]{7,15}")) {
            f.error("hotline", "settings.problem.hotline");
        }
        int months = 0;
        try {
            months = Integer.parseInt(f.value("retention").trim());
        } catch (NumberFormatException e) {
            // reported below
        }
        if (months < 1 || months > 120) {
            f.error("retention", "settings.problem.retention");
        }
        if (!f.valid()) {
            return new Parsed(f, null);
        }
        return new Parsed(f, new Values(f.value("name_tg").strip(), f.value("name_ru").strip(),
                f.value("name_uz").strip(), hotline, f.value("recipients_tg").strip(), f.value("recipients_ru").strip(),
                f.value("recipients_uz").strip(), months));
    }

    private static void text(Form f, String field, int max) {
        String v = f.value(field).strip();
        if (v.isEmpty()) {
            f.error(field, "settings.problem.required");
        } else if (v.codePointCount(0, v.length()) > max) {
            f.error(field, "settings.problem.too_long");
        }
    }

    /** The version the form was read at, or -1 when it is not a number (then it is stale). */
    static int version(String typed) {
        try {
            return Integer.parseInt(typed.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
