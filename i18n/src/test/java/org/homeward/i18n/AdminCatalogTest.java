package org.homeward.i18n;

import static org.assertj.core.api.Assertions.fail;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.homeward.i18n.MessagePatterns.Arg;
import org.homeward.i18n.MessagePatterns.Kind;
import org.junit.jupiter.api.Test;

/**
 * Keeps the admin web app's catalogs (admin_ru, the base, and admin_en) in sync, as {@link CatalogTest} does for
 * the bot's: each rule walks every key and a failure lists every offending key, so one run shows all to fix.
 */
class AdminCatalogTest {
    private static final AdminTexts TEXTS = AdminTexts.get();
    private static final StaffLanguage BASE = AdminTexts.BASE;

    record Problem(StaffLanguage language, String key, String reason) {
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

    @Test
    void every_catalog_has_exactly_the_base_keys() {
        List<Problem> problems = new ArrayList<>();
        for (StaffLanguage language : StaffLanguage.values()) {
            for (String key : TEXTS.keys(BASE)) {
                if (!TEXTS.has(language, key)) {
                    problems.add(new Problem(language, key, "missing (the " + BASE.code() + " catalog has it)"));
                }
            }
            for (String key : TEXTS.keys(language)) {
                if (!TEXTS.has(BASE, key)) {
                    problems.add(new Problem(language, key, "not in the base " + BASE.code() + " catalog"));
                }
            }
        }
        assertNone("Every admin catalog has exactly the keys of admin_ru", problems);
    }

    @Test
    void every_pattern_parses_and_uses_the_placeholders_of_the_base() {
        List<Problem> problems = new ArrayList<>();
        for (StaffLanguage language : StaffLanguage.values()) {
            for (String key : TEXTS.keys(language)) {
                String pattern = TEXTS.pattern(language, key);
                try {
                    new MessageFormat(pattern, ULocale.forLocale(language.locale()));
                } catch (RuntimeException e) {
                    problems.add(new Problem(language, key, "does not parse: " + e.getMessage()));
                    continue;
                }
                if (TEXTS.has(BASE, key)) {
                    Set<String> base = names(MessagePatterns.args(TEXTS.pattern(BASE, key)));
                    Set<String> here = names(MessagePatterns.args(pattern));
                    if (!base.equals(here)) {
                        problems.add(new Problem(language, key, "placeholders " + here + ", base has " + base));
                    }
                }
            }
        }
        assertNone("Every admin text parses and has the base's placeholders", problems);
    }

    @Test
    void plurals_have_every_form_the_language_needs() {
        List<Problem> problems = new ArrayList<>();
        for (StaffLanguage language : StaffLanguage.values()) {
            Set<String> required = PluralRules.forLocale(language.locale()).getKeywords();
            for (String key : TEXTS.keys(language)) {
                for (Arg arg : MessagePatterns.args(TEXTS.pattern(language, key))) {
                    if (arg.kind() == Kind.PLURAL && !arg.keywords().containsAll(required)) {
                        problems.add(new Problem(language, key, "{" + arg.name() + "} needs " + required));
                    }
                }
            }
        }
        assertNone("Plurals have the forms of the language (ru: one few many other; en: one other)", problems);
    }

    @Test
    void texts_are_trimmed_translated_and_in_one_script_per_word() {
        List<Problem> problems = new ArrayList<>();
        for (StaffLanguage language : StaffLanguage.values()) {
            for (String key : TEXTS.keys(language)) {
                String pattern = TEXTS.pattern(language, key);
                if (!pattern.equals(pattern.strip()) || pattern.isEmpty()) {
                    problems.add(new Problem(language, key, "empty, or leading or trailing whitespace"));
                }
                if (language == StaffLanguage.RU) {
                    for (String reason : TextRules.scripts(Language.RU, MessagePatterns.literalText(pattern))) {
                        problems.add(new Problem(language, key, reason));
                    }
                }
            }
        }
        for (String key : TEXTS.keys(BASE)) {
            // A Russian text left in the English catalog, or the other way round: Cyrillic in English is a copy.
            if (TEXTS.has(StaffLanguage.EN, key)
                    && TEXTS.pattern(StaffLanguage.EN, key).codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                            == Character.UnicodeScript.CYRILLIC)
                    && !key.equals("lang.ru") && !key.equals("lang.switch")) {
                problems.add(new Problem(StaffLanguage.EN, key, "Cyrillic in the English catalog: translate it"));
            }
        }
        assertNone("Admin texts are trimmed, translated, and each word in one script", problems);
    }

    private static Set<String> names(List<Arg> args) {
        return args.stream().map(Arg::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
