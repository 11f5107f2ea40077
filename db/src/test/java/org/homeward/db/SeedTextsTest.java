package org.homeward.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.homeward.i18n.Glossary;
import org.homeward.i18n.Language;
import org.homeward.testkit.TestDatabase;
import org.homeward.testkit.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * The texts the migrations seed (place names, requirements, the programme's name and who receives its lists) are
 * read by migrants beside the catalogs' texts, so they keep to the same glossary (i18n/GLOSSARY.md): no word it
 * says to avoid, the same spelling and register rules. Read from a migrated database, so a later migration that
 * changes them is checked as it lands.
 */
class SeedTextsTest {
    @Test
    void seeded_texts_keep_to_the_glossary() throws SQLException {
        Glossary glossary = Glossary.read();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        List<String> corrected = new ArrayList<>();
        try (TestDatabase db = TestPostgres.newDatabase();
             Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement()) {
            // Every per-language text column: name_tg, text_ru, question_uz, recipients_tg, …
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select table_name, column_name from information_schema.columns"
                    + " where table_schema = 'public' and data_type = 'text' and column_name ~ '_(tg|ru|uz)$'"
                    + " order by table_name, column_name")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            assertThat(columns).extracting(tc -> tc[0] + "." + tc[1])
                    .contains("location.name_ru", "requirement.text_uz", "operation_settings.name_tg",
                            "operation_settings.recipients_ru");
            try (ResultSet rs = s.executeQuery("select (select name_ru from location where code = 'zhibek_zholy'),"
                    + " (select name_ru from destination where code = 'tj_gbao'),"
                    + " (select text_uz from requirement where code = 'identity_document'),"
                    + " (select question_ru from requirement where code = 'covid_test_uz_transit'),"
                    + " (select name_uz from operation_settings)")) {
                rs.next();
                for (int i = 1; i <= 5; i++) {
                    corrected.add(rs.getString(i));
                }
            }
            for (String[] column : columns) {
                Language language = Language.fromCode(column[1].substring(column[1].length() - 2)).orElseThrow();
                try (ResultSet rs = s.executeQuery("select \"" + column[1] + "\" from \"" + column[0] + "\" where \""
                        + column[1] + "\" is not null order by 1")) {
                    while (rs.next()) {
                        String text = rs.getString(1);
                        checked++;
                        for (String problem : glossary.problems(language, text)) {
                            problems.add(column[0] + "." + column[1] + " «" + text + "»: " + problem);
                        }
                    }
                }
            }
        }
        assertThat(checked).as("seeded texts read").isGreaterThan(100);
        // V6 corrects a seeded text only while it is as seeded (staff may have changed it since): each guard matched.
        assertThat(corrected).containsExactly(
                "Пункт пропуска «Жибек Жолы»", "Бадахшан (ГБАО)",
                "Pasport yoki qaytish uchun konsullik guvohnomasi. Bolalar uchun — tugʻilganlik guvohnomasi.",
                "Сможете ли Вы сдать тест на COVID-19 не раньше чем за 72 часа до въезда в Узбекистан?",
                "Vatanga qaytish dasturi (Xalqaro migratsiya tashkiloti hamda Tojikiston, Oʻzbekiston va Qozogʻiston"
                        + " hukumatlari)");
        if (!problems.isEmpty()) {
            fail("Seeded texts break the glossary's rules — " + problems.size() + " problem(s):\n  "
                    + String.join("\n  ", problems));
        }
    }
}
