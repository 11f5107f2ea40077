package org.homeward.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Spelling and register rules on plain text (a catalog text without ICU syntax, or a glossary cell): each returns
 * the reasons the text breaks it, empty when it is fine.
 */
final class TextRules {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]+");
    private static final Pattern WRONG_AFTER_OG =
            Pattern.compile("([oOgG])([\\u0027\\u2019\\u2018\\u0060\\u00B4\\u02BC\\u02B9])");
    private static final Pattern TURNED_COMMA_ELSEWHERE = Pattern.compile("(?<![oOgG])\\u02BB");
    private static final Pattern APOSTROPHE_IN_WORD = Pattern.compile("(?<=\\p{L})[\\u0027\\u2019](?=\\p{L})");
    private static final Map<String, String> TAJIK_MISSPELLINGS = tajikMisspellings();
    private static final Map<Language, Set<String>> INFORMAL = Map.of(
            Language.RU, Set.of("ты", "тебя", "тебе", "тобой", "твой", "твоя", "твоё", "твое", "твои", "твоего",
                    "твоей", "твоих", "твоим", "твоими", "твою", "нажми", "выбери", "напиши", "отправь", "введи",
                    "укажи", "подтверди", "отмени", "подожди", "попробуй", "вернись"),
            Language.TG, Set.of("ту", "туро", "худат"),
            Language.UZ, Set.of("sen", "seni", "senga", "sening", "sendan", "senda", "senlar"));
    private static final Map<Language, String> POLITE = Map.of(Language.RU, "Вы", Language.TG, "Шумо", Language.UZ, "Siz");
    // A word with a feminine ending added in brackets: "Согласен(на)", "один(на)", "понял(а)".
    private static final Pattern BRACKETED_ENDING = Pattern.compile("[\\p{L}\\p{M}]+\\([\\p{L}]{1,3}\\)");
    // Masculine or feminine singular forms the bot would use of the reader or of itself ("Не понял").
    private static final Set<String> RUSSIAN_GENDERED = Set.of("понял", "поняла", "согласен", "согласна", "готов",
            "готова", "уверен", "уверена", "рад", "рада");

    private TextRules() {}

    /** Words: runs of letters and marks (ʻ and ʼ are modifier letters, so "oʻzbek" is one word). */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /** Uzbek: oʻ and gʻ with U+02BB, the tutuq belgisi with U+02BC, never an ASCII or typographic apostrophe. */
    static List<String> uzbekApostrophes(String text) {
        List<String> reasons = new ArrayList<>();
        Matcher m = WRONG_AFTER_OG.matcher(text);
        while (m.find()) {
            reasons.add("\"" + around(text, m.start()) + "\": " + m.group(1) + " followed by U+" + hex(m.group(2))
                    + "; write " + m.group(1) + "ʻ (U+02BB)");
        }
        Matcher other = TURNED_COMMA_ELSEWHERE.matcher(text);
        while (other.find()) {
            reasons.add("\"" + around(text, other.start())
                    + "\": ʻ (U+02BB) belongs only after o and g; the tutuq belgisi is ʼ (U+02BC)");
        }
        Matcher tutuq = APOSTROPHE_IN_WORD.matcher(text);
        while (tutuq.find()) {
            if ("oOgG".indexOf(text.charAt(tutuq.start() - 1)) < 0) {
                reasons.add("\"" + around(text, tutuq.start()) + "\": apostrophe U+" + hex(tutuq.group())
                        + " inside a word; write ʼ (U+02BC), e.g. maʼlumot");
            }
        }
        return reasons;
    }

    /** No word mixes Latin and Cyrillic letters; Uzbek has no Cyrillic words at all. */
    static List<String> scripts(Language language, String text) {
        List<String> reasons = new ArrayList<>();
        for (String word : words(text)) {
            long cyrillic = word.codePoints().filter(c -> script(c) == Character.UnicodeScript.CYRILLIC).count();
            long latin = word.codePoints().filter(c -> script(c) == Character.UnicodeScript.LATIN).count();
            if (cyrillic > 0 && latin > 0) {
                // Name the letters of the word's smaller script: those are the look-alikes.
                Character.UnicodeScript odd = cyrillic >= latin ? Character.UnicodeScript.LATIN : Character.UnicodeScript.CYRILLIC;
                String foreign = word.codePoints().filter(c -> script(c) == odd)
                        .mapToObj(Character::toString).distinct().collect(Collectors.joining(", "));
                reasons.add("\"" + word + "\" mixes scripts: " + (odd == Character.UnicodeScript.LATIN ? "Latin " : "Cyrillic ")
                        + foreign + " among the other letters (a look-alike?)");
            } else if (cyrillic > 0 && language == Language.UZ) {
                reasons.add("\"" + word + "\" is Cyrillic in the Uzbek (Latin) catalog");
            }
        }
        return reasons;
    }

    /** Tajik: none of the Russian-only letters ц щ ы ь, none of the known Russian-keyboard spellings. */
    static List<String> tajikLetters(String text) {
        List<String> reasons = new ArrayList<>();
        for (String word : words(text)) {
            String lower = word.toLowerCase(Locale.ROOT);
            String russianOnly = lower.codePoints().filter(c -> "цщыь".indexOf(c) >= 0)
                    .mapToObj(Character::toString).distinct().collect(Collectors.joining(", "));
            if (!russianOnly.isEmpty()) {
                reasons.add("\"" + word + "\" has " + russianOnly + ", which Tajik does not use (ц is written тс: политсия)");
            }
            String right = TAJIK_MISSPELLINGS.get(lower);
            if (right != null) {
                reasons.add("\"" + word + "\" is Russian-keyboard spelling; write \"" + right + "\"");
            }
        }
        return reasons;
    }

    /** No informal address (ты, ту, sen and their forms, Russian informal imperatives). */
    static List<String> polite(Language language, String text) {
        List<String> reasons = new ArrayList<>();
        for (String word : words(text)) {
            if (INFORMAL.get(language).contains(word.toLowerCase(Locale.ROOT))) {
                reasons.add("\"" + word + "\" is informal; address people with " + POLITE.get(language));
            }
        }
        return reasons;
    }

    /**
     * Russian: no text assumes a gender, of the reader or of the bot. Tajik and Uzbek have no grammatical gender;
     * in Russian a man pressing "Согласна" or a woman reading "Согласен(на)" is told the text was not written for
     * them, so buttons and replies use forms that fit anyone: "Даю согласие", "Еду без семьи", "Не понимаю".
     */
    static List<String> genderNeutral(Language language, String text) {
        List<String> reasons = new ArrayList<>();
        if (language != Language.RU) {
            return reasons;
        }
        Matcher m = BRACKETED_ENDING.matcher(text);
        while (m.find()) {
            reasons.add("\"" + m.group() + "\" adds a gender ending in brackets; write a form that fits anyone"
                    + " (Даю согласие, Еду без семьи)");
        }
        for (String word : words(text)) {
            if (RUSSIAN_GENDERED.contains(word.toLowerCase(Locale.ROOT))) {
                reasons.add("\"" + word + "\" has a gender; write a form that fits anyone (Не понимаю, Вы согласны?)");
            }
        }
        return reasons;
    }

    /** Every spelling and register rule for one language. */
    static List<String> all(Language language, String text) {
        List<String> reasons = new ArrayList<>(scripts(language, text));
        reasons.addAll(polite(language, text));
        reasons.addAll(genderNeutral(language, text));
        if (language == Language.UZ) {
            reasons.addAll(uzbekApostrophes(text));
        }
        if (language == Language.TG) {
            reasons.addAll(tajikLetters(text));
        }
        return reasons;
    }

    /** Lines of a test resource beside this class, without blank lines and # comments. */
    static List<String> readLines(String resource) {
        try (InputStream in = TextRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    private static Map<String, String> tajikMisspellings() {
        Map<String, String> map = new HashMap<>();
        for (String line : readLines("tajik-misspellings.txt")) {
            String[] parts = line.split("=", 2);
            map.put(parts[0].strip().toLowerCase(Locale.ROOT), parts[1].strip());
        }
        return map;
    }

    private static Character.UnicodeScript script(int codePoint) {
        return Character.UnicodeScript.of(codePoint);
    }

    private static String hex(String ch) {
        return String.format("%04X", (int) ch.charAt(0));
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 8), Math.min(text.length(), at + 8));
    }
}
