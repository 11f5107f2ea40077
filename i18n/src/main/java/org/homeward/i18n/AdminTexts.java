package org.homeward.i18n;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every text of the admin web app, in Russian and English, formatted with ICU MessageFormat (named arguments,
 * plurals). Catalogs are {@code admin_<code>.properties} (UTF-8) beside this class; Russian is the base that
 * English is kept in sync with (see the admin catalog test). Kept apart from {@link Messages}: staff and
 * migrants speak different sets of languages.
 */
public final class AdminTexts {
    /** The catalog the other one must match key for key. */
    public static final StaffLanguage BASE = StaffLanguage.RU;

    private static final AdminTexts INSTANCE = new AdminTexts();

    private final Map<StaffLanguage, Map<String, String>> catalogs = new EnumMap<>(StaffLanguage.class);
    private final Map<StaffLanguage, Map<String, MessageFormat>> compiled = new EnumMap<>(StaffLanguage.class);

    private AdminTexts() {
        for (StaffLanguage language : StaffLanguage.values()) {
            catalogs.put(language, load(language));
            compiled.put(language, new ConcurrentHashMap<>());
        }
    }

    /** The catalogs, loaded once. */
    public static AdminTexts get() {
        return INSTANCE;
    }

    /** The text for {@code key} in {@code language}, with named arguments ({@code {name}} in the pattern). */
    public String format(StaffLanguage language, String key, Map<String, ?> args) {
        MessageFormat format = compiled.get(language).computeIfAbsent(key,
                k -> new MessageFormat(pattern(language, k), ULocale.forLocale(language.locale())));
        // MessageFormat is not thread-safe; formatting is cheap next to rendering a page.
        synchronized (format) {
            return format.format(new HashMap<>(args));
        }
    }

    /** The text for {@code key} in {@code language}, without arguments. */
    public String format(StaffLanguage language, String key) {
        return format(language, key, Map.of());
    }

    /** True when the catalog of {@code language} has {@code key}. */
    public boolean has(StaffLanguage language, String key) {
        return catalogs.get(language).containsKey(key);
    }

    /** All keys of a language's catalog, sorted. */
    public Set<String> keys(StaffLanguage language) {
        return Collections.unmodifiableSet(new TreeSet<>(catalogs.get(language).keySet()));
    }

    /** The raw pattern, for tests. */
    public String pattern(StaffLanguage language, String key) {
        String pattern = catalogs.get(language).get(key);
        if (pattern == null) {
            throw new IllegalArgumentException("no admin text '" + key + "' in " + language.code());
        }
        return pattern;
    }

    private static Map<String, String> load(StaffLanguage language) {
        String name = "admin_" + language.code() + ".properties";
        try (InputStream in = AdminTexts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing catalog " + name);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> map = new HashMap<>();
            properties.forEach((k, v) -> map.put((String) k, (String) v));
            return Map.copyOf(map);
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }
}
