package org.homeward.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The glossary (i18n/GLOSSARY.md) as the tests read it: its terms table, the words it says to avoid, and the check a
 * text must pass. Used by {@link GlossaryTest} for the catalogs and, through this module's test jar, by the db
 * module's test of the texts the migrations seed, so both keep to the same rules.
 */
public final class Glossary {
    /** Where each language's agreed term is in a row; the avoid column follows them. */
    static final Map<Language, Integer> COLUMN = Map.of(Language.TG, 1, Language.RU, 2, Language.UZ, 3);
    static final int AVOID = 4;
    /** The build copies GLOSSARY.md beside this class (see the module's pom), so other modules' tests find it. */
    static final String RESOURCE = "GLOSSARY.md";

    /** One row of the terms table. */
    record Row(int line, List<String> cells) {
        String term() {
            return cells.get(0);
        }

        boolean wellFormed() {
            return cells.size() == 5;
        }

        String agreed(Language language) {
            return cells.get(COLUMN.get(language));
        }
    }

    /** One word or phrase to avoid in one language. */
    record Avoid(Row row, Language language, String text, Pattern pattern) {}

    private final List<Row> rows;

    private Glossary(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The glossary as the build copied it onto the test class path. */
    public static Glossary read() {
        try (InputStream in = Glossary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path beside " + Glossary.class);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE, e);
        }
    }

    static Glossary parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
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
        return new Glossary(rows);
    }

    /** Every row of the terms table, as written. */
    List<Row> rows() {
        return rows;
    }

    /**
     * What is wrong with a text shown to people in {@code language}: each word the glossary says to avoid, with
     * the agreed one, and each spelling or register rule the catalogs keep to (see {@link TextRules}). Empty when
     * the text is fine.
     */
    public List<String> problems(Language language, String text) {
        List<String> problems = new ArrayList<>(avoided(language, text));
        problems.addAll(TextRules.all(language, text));
        return problems;
    }

    /** Each word of {@code text} that the glossary says to avoid in {@code language}, with the word to use. */
    List<String> avoided(Language language, String text) {
        List<String> found = new ArrayList<>();
        for (Row row : rows) {
            if (!row.wellFormed()) {
                continue; // reported by GlossaryTest's table test
            }
            for (Avoid avoid : avoids(row)) {
                if (avoid.language() != language) {
                    continue;
                }
                Matcher m = avoid.pattern().matcher(text);
                if (m.find()) {
                    found.add("\"" + m.group() + "\" — the glossary says avoid " + avoid.text() + " for \"" + row.term()
                            + "\"; use \"" + row.agreed(language) + "\"");
                }
            }
        }
        return found;
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
}
