package org.homeward.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the catalogs to the glossary (i18n/GLOSSARY.md): no text uses a word from its "avoid" column. */
class GlossaryTest {
    // Surefire runs in the module directory.
    private static final Path GLOSSARY = Path.of("GLOSSARY.md");
    private static final Map<Language, Integer> COLUMN = Map.of(Language.TG, 1, Language.RU, 2, Language.UZ, 3);
    private static final int AVOID = 4;

    /** One row of the terms table. */
    record Row(int line, List<String> cells) {
        String term() {
            return cells.get(0);
        }
    }

    /** One word or phrase to avoid in one language. */
    record Avoid(Row row, Language language, String text, Pattern pattern) {}

    private static List<Row> rows;

    @BeforeAll
    static void readGlossary() throws IOException {
        rows = new ArrayList<>();
        boolean inTable = false;
        List<String> lines = Files.readAllLines(GLOSSARY, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("| English ")) {
                inTable = true;
            } else if (inTable && line.startsWith("|---")) {
                continue;
            } else if (inTable && line.startsWith("|")) {
                String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
                rows.add(new Row(i + 1, List.of(inner.split("\\|", -1)).stream().map(String::strip).toList()));
            } else if (inTable) {
                break;
            }
        }
    }

    @Test
    void the_table_is_well_formed_and_its_translations_follow_the_spelling_rules() {
        assertThat(rows).as("rows of the terms table in " + GLOSSARY.toAbsolutePath()).hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        for (Row row : rows) {
            if (row.cells().size() != 5) {
                problems.add("line " + row.line() + ": " + row.cells().size() + " cells, want 5");
                continue;
            }
            for (Map.Entry<Language, Integer> column : COLUMN.entrySet()) {
                String cell = row.cells().get(column.getValue());
                if (cell.isEmpty()) {
                    problems.add("line " + row.line() + " (" + row.term() + "): no " + column.getKey().code() + " term");
                }
                for (String reason : TextRules.all(column.getKey(), cell)) {
                    problems.add("line " + row.line() + " (" + row.term() + ") " + column.getKey().code() + ": " + reason);
                }
            }
            try {
                for (Avoid avoid : avoids(row)) {
                    String agreed = row.cells().get(COLUMN.get(avoid.language()));
                    if (avoid.pattern().matcher(agreed).find()) {
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
        for (Row row : rows) {
            if (row.cells().size() != 5) {
                continue; // reported by the table test
            }
            for (Avoid avoid : avoids(row)) {
                for (String key : messages.keys(avoid.language())) {
                    String text;
                    try {
                        text = MessagePatterns.literalText(messages.pattern(avoid.language(), key));
                    } catch (IllegalArgumentException e) {
                        continue; // reported by the catalog test
                    }
                    var m = avoid.pattern().matcher(text);
                    if (m.find()) {
                        problems.add(avoid.language().code() + "  " + key + ": \"" + m.group() + "\" — the glossary says avoid "
                                + avoid.text() + " for \"" + row.term() + "\"; use \""
                                + row.cells().get(COLUMN.get(avoid.language())) + "\"");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("Catalog texts use words the glossary avoids — " + problems.size() + " problem(s):\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** The avoid cell: {@code tg: a, b*; ru: c d}. */
    static List<Avoid> avoids(Row row) {
        List<Avoid> avoids = new ArrayList<>();
        String cell = row.cells().get(AVOID);
        if (cell.isEmpty()) {
            return avoids;
        }
        for (String part : cell.split(";")) {
            String[] langAndWords = part.split(":", 2);
            if (langAndWords.length != 2) {
                throw new IllegalArgumentException("avoid entry \"" + part.strip() + "\" has no language (tg:, ru:, uz:)");
            }
            String code = langAndWords[0].strip().toLowerCase(Locale.ROOT);
            Language language = Language.fromCode(code)
                    .orElseThrow(() -> new IllegalArgumentException("avoid entry for unknown language \"" + code + "\""));
            for (String word : langAndWords[1].split(",")) {
                String w = word.strip();
                if (!w.isEmpty()) {
                    avoids.add(new Avoid(row, language, w, wordPattern(w)));
                }
            }
        }
        return avoids;
    }

    /** A whole word or phrase, case-insensitive; a trailing * allows any ending. */
    static Pattern wordPattern(String entry) {
        boolean prefix = entry.endsWith("*");
        String body = prefix ? entry.substring(0, entry.length() - 1) : entry;
        StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{M}])");
        String[] words = body.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            regex.append(i == 0 ? "" : "\\s+").append(Pattern.quote(words[i]));
        }
        regex.append(prefix ? "[\\p{L}\\p{M}]*" : "(?![\\p{L}\\p{M}])");
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    @Test
    void avoid_entries_match_whole_words_and_phrases() {
        assertThat(wordPattern("прописк*").matcher("без прописки").find()).isTrue();
        assertThat(wordPattern("инвалид").matcher("с инвалидностью").find()).isFalse();
        assertThat(wordPattern("инвалид").matcher("Инвалид.").find()).isTrue();
        assertThat(wordPattern("qaynoq liniya").matcher("Qaynoq  liniyaga").find()).isFalse();
        assertThat(wordPattern("qaynoq liniya*").matcher("Qaynoq  liniyaga").find()).isTrue();
        assertThat(wordPattern("КПП").matcher("через КПП «Жибек Жолы»").find()).isTrue();
    }
}
