package org.homeward.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.homeward.i18n.Glossary.Avoid;
import org.homeward.i18n.Glossary.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the catalogs to the glossary (i18n/GLOSSARY.md): no text uses a word from its "avoid" column. */
class GlossaryTest {
    private static Glossary glossary;

    @BeforeAll
    static void readGlossary() {
        glossary = Glossary.read();
    }

    @Test
    void the_table_is_well_formed_and_its_translations_follow_the_spelling_rules() {
        assertThat(glossary.rows()).as("rows of the terms table in " + Glossary.RESOURCE).hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        for (Row row : glossary.rows()) {
            if (!row.wellFormed()) {
                problems.add("line " + row.line() + ": " + row.cells().size() + " cells, want 5");
                continue;
            }
            for (Map.Entry<Language, Integer> column : Glossary.COLUMN.entrySet()) {
                String cell = row.cells().get(column.getValue());
                if (cell.isEmpty()) {
                    problems.add("line " + row.line() + " (" + row.term() + "): no " + column.getKey().code() + " term");
                }
                for (String reason : TextRules.all(column.getKey(), cell)) {
                    problems.add("line " + row.line() + " (" + row.term() + ") " + column.getKey().code() + ": " + reason);
                }
            }
            try {
                for (Avoid avoid : Glossary.avoids(row)) {
                    if (avoid.pattern().matcher(row.agreed(avoid.language())).find()) {
                        problems.add("line " + row.line() + " (" + row.term() + "): the agreed "
                                + avoid.language().code() + " term matches its own avoid entry " + avoid.text());
                    }
                }
            } catch (IllegalArgumentException e) {
                problems.add("line " + row.line() + " (" + row.term() + "): " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            fail("GLOSSARY.md:\n  " + String.join("\n  ", problems));
        }
    }

    @Test
    void no_catalog_text_uses_a_word_the_glossary_says_to_avoid() {
        Messages messages = Messages.get();
        List<String> problems = new ArrayList<>();
        for (Language language : Language.values()) {
            for (String key : messages.keys(language)) {
                String text;
                try {
                    text = MessagePatterns.literalText(messages.pattern(language, key));
                } catch (IllegalArgumentException e) {
                    continue; // reported by the catalog test
                }
                for (String problem : glossary.avoided(language, text)) {
                    problems.add(language.code() + "  " + key + ": " + problem);
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("Catalog texts use words the glossary avoids — " + problems.size() + " problem(s):\n  "
                    + String.join("\n  ", problems));
        }
    }

    @Test
    void avoid_entries_match_whole_words_and_phrases() {
        assertThat(Glossary.wordPattern("прописк*").matcher("без прописки").find()).isTrue();
        assertThat(Glossary.wordPattern("инвалид").matcher("с инвалидностью").find()).isFalse();
        assertThat(Glossary.wordPattern("инвалид").matcher("Инвалид.").find()).isTrue();
        assertThat(Glossary.wordPattern("qaynoq liniya").matcher("Qaynoq  liniyaga").find()).isFalse();
        assertThat(Glossary.wordPattern("qaynoq liniya*").matcher("Qaynoq  liniyaga").find()).isTrue();
        assertThat(Glossary.wordPattern("КПП").matcher("через КПП «Жибек Жолы»").find()).isTrue();
    }
}
