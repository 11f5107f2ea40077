package org.homeward.i18n;

import static org.assertj.core.api.Assertions.fail;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.homeward.i18n.MessagePatterns.Arg;
import org.homeward.i18n.MessagePatterns.Kind;
import org.junit.jupiter.api.Test;

/**
 * Keeps the catalogs honest as keys are added: every rule walks every key of every catalog and a failure lists
 * every offending key with its language and the reason, so one run shows all there is to fix.
 */
class CatalogTest {
    private static final Messages MESSAGES = Messages.get();
    private static final Language BASE = Messages.BASE;
    private static final List<Language> OTHERS =
            List.of(Language.values()).stream().filter(l -> l != BASE).toList();

    // Telegram's limit for one text message, in UTF-16 code units: https://core.telegram.org/bots/api#sendmessage
    private static final int TELEGRAM_MAX = 4096;
    // Two buttons a row on a small phone screen.
    private static final int BUTTON_MAX_CHARS = 24;
    private static final int BUTTON_MAX_WORDS = 3;

    private static final ZoneId ZONE = ZoneId.of("Asia/Dushanbe");
    private static final ZonedDateTime SAMPLE_WHEN = ZonedDateTime.of(2026, 9, 30, 23, 45, 0, 0, ZONE);
    // A long Tajik full name with patronymic, repeated as a crude stand-in for any free text a person typed.
    private static final String LONG_TEXT = "Абдурахмонзода Сайфиддинхоҷа Нурмуҳаммадович ".repeat(4).trim();
    private static final List<Long> SAMPLE_NUMBERS = List.of(0L, 1L, 2L, 5L, 21L, 1_234_567_890L);

    /** One finding: which catalog, which key, what is wrong. */
    record Problem(Language language, String key, String reason) {
        @Override
        public String toString() {
            return language.code() + "  " + key + ": " + reason;
        }
    }

    private static void assertNone(String rule, List<Problem> problems) {
        if (!problems.isEmpty()) {
            fail(rule + " — " + problems.size() + " problem(s):\n  "
                    + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
        }
    }

    private static Set<String> keys(Language language) {
        return MESSAGES.keys(language);
    }

    private static String pattern(Language language, String key) {
        return MESSAGES.pattern(language, key);
    }

    /** The arguments of a pattern, or null when it does not parse (reported by its own rule). */
    private static List<Arg> argsOrNull(String pattern) {
        try {
            return MessagePatterns.args(pattern);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String literal(Language language, String key) {
        try {
            return MessagePatterns.literalText(pattern(language, key));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Each (language, key) present in that language's catalog. */
    private static List<Map.Entry<Language, String>> allEntries() {
        List<Map.Entry<Language, String>> all = new ArrayList<>();
        for (Language language : Language.values()) {
            for (String key : keys(language)) {
                all.add(Map.entry(language, key));
            }
        }
        return all;
    }

    // ---- structure ----

    @Test
    void every_catalog_has_exactly_the_base_keys() {
        List<Problem> problems = new ArrayList<>();
        Set<String> base = keys(BASE);
        for (Language language : OTHERS) {
            for (String key : base) {
                if (!MESSAGES.has(language, key)) {
                    problems.add(new Problem(language, key, "missing (the " + BASE.code() + " catalog has it)"));
                }
            }
            for (String key : keys(language)) {
                if (!base.contains(key)) {
                    problems.add(new Problem(language, key, "not in the base " + BASE.code() + " catalog"));
                }
            }
        }
        assertNone("Every catalog has exactly the keys of the base catalog", problems);
    }

    @Test
    void every_pattern_parses_as_icu_message_format_in_its_locale() {
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<Language, String> e : allEntries()) {
            Language language = e.getKey();
            String key = e.getValue();
            String pattern = pattern(language, key);
            try {
                new MessageFormat(pattern, ULocale.forLocale(language.locale()));
                Messages.compile(language, key, pattern); // also checks date and time styles
            } catch (RuntimeException ex) {
                problems.add(new Problem(language, key, "does not parse: " + ex.getMessage()
                        + (ex.getCause() != null ? " (" + ex.getCause().getMessage() + ")" : "")));
            }
        }
        assertNone("Every pattern is valid ICU MessageFormat", problems);
    }

    @Test
    void placeholders_are_the_same_as_in_the_base() {
        List<Problem> problems = new ArrayList<>();
        for (String key : keys(BASE)) {
            List<Arg> baseArgs = argsOrNull(pattern(BASE, key));
            if (baseArgs == null) {
                continue;
            }
            for (Language language : OTHERS) {
                if (!MESSAGES.has(language, key)) {
                    continue;
                }
                List<Arg> args = argsOrNull(pattern(language, key));
                if (args == null) {
                    continue;
                }
                Set<String> expected = names(baseArgs);
                Set<String> actual = names(args);
                if (!expected.equals(actual)) {
                    problems.add(new Problem(language, key, "placeholders " + actual + ", base has " + expected));
                    continue;
                }
                for (String name : expected) {
                    boolean baseTemporal = baseArgs.stream().anyMatch(a -> a.name().equals(name) && a.kind().temporal());
                    boolean temporal = args.stream().anyMatch(a -> a.name().equals(name) && a.kind().temporal());
                    if (baseTemporal != temporal) {
                        problems.add(new Problem(language, key, "{" + name + "} is "
                                + (temporal ? "" : "not ") + "a date/time here but " + (baseTemporal ? "" : "not ")
                                + "in the base"));
                    }
                    Set<String> baseSelect = selectKeywords(baseArgs, name);
                    Set<String> select = selectKeywords(args, name);
                    if (!select.containsAll(baseSelect)) {
                        Set<String> missing = new TreeSet<>(baseSelect);
                        missing.removeAll(select);
                        problems.add(new Problem(language, key, "select {" + name + "} lacks " + missing));
                    }
                }
            }
        }
        assertNone("Every translation uses the placeholders of the base", problems);
    }

    private static Set<String> names(List<Arg> args) {
        return args.stream().map(Arg::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> selectKeywords(List<Arg> args, String name) {
        return args.stream()
                .filter(a -> a.name().equals(name) && a.kind() == Kind.SELECT)
                .flatMap(a -> a.keywords().stream())
                .filter(k -> !k.equals("other"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void plurals_have_every_form_the_language_needs_and_no_other() {
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<Language, String> e : allEntries()) {
            Language language = e.getKey();
            List<Arg> args = argsOrNull(pattern(language, e.getValue()));
            if (args == null) {
                continue;
            }
            for (Arg arg : args) {
                PluralRules rules;
                if (arg.kind() == Kind.PLURAL) {
                    rules = PluralRules.forLocale(language.locale());
                } else if (arg.kind() == Kind.SELECTORDINAL) {
                    rules = PluralRules.forLocale(ULocale.forLocale(language.locale()), PluralRules.PluralType.ORDINAL);
                } else {
                    continue;
                }
                Set<String> required = rules.getKeywords();
                Set<String> missing = new TreeSet<>(required);
                missing.removeAll(arg.keywords());
                Set<String> unused = arg.keywords().stream()
                        .filter(k -> !k.startsWith("=") && !required.contains(k))
                        .collect(Collectors.toCollection(TreeSet::new));
                if (!missing.isEmpty()) {
                    problems.add(new Problem(language, e.getValue(), "{" + arg.name() + ", " + arg.kind()
                            .name().toLowerCase(Locale.ROOT) + "} lacks " + missing + " (needs " + new TreeSet<>(required) + ")"));
                }
                if (!unused.isEmpty()) {
                    problems.add(new Problem(language, e.getValue(), "{" + arg.name() + "} has " + unused
                            + ", which " + language.code() + " never uses (copied from Russian?)"));
                }
            }
        }
        assertNone("Plurals have the forms of the language (ru: one few many other; tg, uz: one other)", problems);
    }

    // ---- translation ----

    @Test
    void tajik_and_uzbek_texts_are_not_copies_of_the_russian() {
        List<String> allowed = allowList();
        List<Problem> problems = new ArrayList<>();
        for (String entry : allowed) {
            boolean exists = entry.endsWith(".*")
                    ? keys(BASE).stream().anyMatch(k -> k.startsWith(entry.substring(0, entry.length() - 1)))
                    : keys(BASE).contains(entry);
            if (!exists) {
                problems.add(new Problem(BASE, entry, "listed in identical-allowed.txt but no such key"));
            }
        }
        for (String key : keys(BASE)) {
            if (isAllowed(allowed, key)) {
                continue;
            }
            for (Language language : OTHERS) {
                if (MESSAGES.has(language, key) && pattern(language, key).strip().equals(pattern(BASE, key).strip())) {
                    problems.add(new Problem(language, key, "identical to the Russian text: translate it, or list the"
                            + " key in src/test/resources/org/homeward/i18n/identical-allowed.txt"));
                }
            }
        }
        assertNone("Tajik and Uzbek texts are translated", problems);
    }

    private static List<String> allowList() {
        return TextRules.readLines("identical-allowed.txt");
    }

    private static boolean isAllowed(List<String> allowed, String key) {
        return allowed.stream().anyMatch(a -> a.endsWith(".*") ? key.startsWith(a.substring(0, a.length() - 1)) : a.equals(key));
    }

    // ---- size ----

    @Test
    void button_labels_fit_two_to_a_row() {
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<Language, String> e : allEntries()) {
            String key = e.getValue();
            if (!key.startsWith("btn.")) {
                continue;
            }
            List<Arg> args = argsOrNull(pattern(e.getKey(), key));
            if (args == null) {
                continue;
            }
            String label;
            try {
                label = MESSAGES.format(e.getKey(), key, shortSamples(args), ZONE);
            } catch (RuntimeException ex) {
                continue; // reported by the formatting rule
            }
            int chars = label.codePointCount(0, label.length());
            long wordCount = List.of(label.trim().split("\\s+")).stream()
                    .filter(w -> w.codePoints().anyMatch(Character::isLetterOrDigit))
                    .count();
            if (chars > BUTTON_MAX_CHARS) {
                problems.add(new Problem(e.getKey(), key, chars + " characters (at most " + BUTTON_MAX_CHARS + "): " + label));
            }
            if (wordCount > BUTTON_MAX_WORDS) {
                problems.add(new Problem(e.getKey(), key, wordCount + " words (at most " + BUTTON_MAX_WORDS + "): " + label));
            }
        }
        assertNone("Button labels (btn.*) are at most " + BUTTON_MAX_CHARS + " characters and "
                + BUTTON_MAX_WORDS + " words", problems);
    }

    @Test
    void every_message_formats_with_sample_arguments_and_fits_in_one_telegram_message() {
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<Language, String> e : allEntries()) {
            Language language = e.getKey();
            String key = e.getValue();
            List<Arg> args = argsOrNull(pattern(language, key));
            if (args == null) {
                continue;
            }
            int longest = 0;
            String whitespace = null;
            for (Map<String, Object> sample : longSamples(args)) {
                try {
                    String text = MESSAGES.format(language, key, sample, ZONE);
                    longest = Math.max(longest, text.length());
                    if (!text.equals(text.strip())) {
                        whitespace = sample.toString();
                    }
                } catch (RuntimeException ex) {
                    problems.add(new Problem(language, key, "does not format with " + sample + ": " + ex));
                    break;
                }
            }
            if (longest > TELEGRAM_MAX) {
                problems.add(new Problem(language, key, longest + " UTF-16 units with long sample arguments (at most "
                        + TELEGRAM_MAX + ")"));
            }
            if (whitespace != null) {
                problems.add(new Problem(language, key, "formats with leading or trailing whitespace, e.g. with " + whitespace));
            }
        }
        assertNone("Every message formats and fits in one Telegram message", problems);
    }

    /** Samples that make a text long: long names, big numbers, every select branch in turn, a long date. */
    private static List<Map<String, Object>> longSamples(List<Arg> args) {
        List<Map<String, Object>> samples = new ArrayList<>();
        Map<String, Set<String>> selects = new TreeMap<>();
        for (Arg a : args) {
            if (a.kind() == Kind.SELECT) {
                selects.computeIfAbsent(a.name(), n -> new TreeSet<>()).addAll(a.keywords());
            }
        }
        for (long n : SAMPLE_NUMBERS) {
            Map<String, Object> base = sample(args, n, LONG_TEXT);
            samples.add(base);
            for (Map.Entry<String, Set<String>> select : selects.entrySet()) {
                for (String keyword : select.getValue()) {
                    Map<String, Object> variant = new HashMap<>(base);
                    variant.put(select.getKey(), keyword);
                    samples.add(variant);
                }
            }
        }
        return samples;
    }

    private static Map<String, Object> shortSamples(List<Arg> args) {
        return sample(args, 2, "Али");
    }

    private static Map<String, Object> sample(List<Arg> args, long number, String text) {
        Map<String, Object> sample = new LinkedHashMap<>();
        for (Arg a : args) {
            Object value;
            if (a.kind().temporal()) {
                value = SAMPLE_WHEN;
            } else if (a.kind().numeric()) {
                value = number;
            } else if (a.kind() == Kind.SELECT) {
                value = "other";
            } else {
                value = text;
            }
            // A name used both as a number and as text (a plural and a bare {n}) stays a number.
            sample.merge(a.name(), value, (old, nu) -> old instanceof Number ? old : nu);
        }
        return sample;
    }

    // ---- spelling and script ----

    @Test
    void no_leading_or_trailing_whitespace() {
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<Language, String> e : allEntries()) {
            String p = pattern(e.getKey(), e.getValue());
            if (!p.equals(p.strip())) {
                problems.add(new Problem(e.getKey(), e.getValue(), "leading or trailing whitespace"));
            }
        }
        assertNone("No leading or trailing whitespace", problems);
    }

    @Test
    void uzbek_oʻ_and_gʻ_use_the_turned_comma_U_02BB() {
        assertNone("Uzbek uses oʻ gʻ (U+02BB) and ʼ (U+02BC)", check(List.of(Language.UZ), TextRules::uzbekApostrophes));
    }

    @Test
    void no_word_mixes_latin_and_cyrillic_letters() {
        List<Problem> problems = new ArrayList<>();
        for (Language language : Language.values()) {
            problems.addAll(check(List.of(language), text -> TextRules.scripts(language, text)));
        }
        assertNone("No word mixes Latin and Cyrillic letters (a, e, o, p, c, x, y look alike)", problems);
    }

    @Test
    void tajik_has_no_russian_only_letters_or_russian_style_spellings() {
        assertNone("Tajik uses Tajik letters (ҳ ҷ қ ғ ӯ ӣ)", check(List.of(Language.TG), TextRules::tajikLetters));
    }

    @Test
    void people_are_addressed_politely() {
        List<Problem> problems = new ArrayList<>();
        for (Language language : Language.values()) {
            problems.addAll(check(List.of(language), text -> TextRules.polite(language, text)));
        }
        assertNone("People are addressed politely (Вы, Шумо, Siz)", problems);
    }

    @Test
    void russian_texts_assume_no_gender() {
        assertNone("Russian texts fit a man and a woman alike (Даю согласие, Не понимаю)",
                check(List.of(Language.RU), text -> TextRules.genderNeutral(Language.RU, text)));
    }

    private static List<Problem> check(List<Language> languages, Function<String, List<String>> rule) {
        List<Problem> problems = new ArrayList<>();
        for (Language language : languages) {
            for (String key : keys(language)) {
                for (String reason : rule.apply(literal(language, key))) {
                    problems.add(new Problem(language, key, reason));
                }
            }
        }
        return problems;
    }
}
