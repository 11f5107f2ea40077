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
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every user-facing text, per language, formatted with ICU MessageFormat (plurals, dates, numbers).
 *
 * <p>Catalogs are {@code messages_<code>.properties} (UTF-8) beside this class; Russian is the base that the
 * others are kept in sync with (see the catalog test).
 */
public final class Messages {
    /** The catalog every other one must match key for key. */
    public static final Language BASE = Language.RU;

    private static final Messages INSTANCE = new Messages();

    private final Map<Language, Map<String, String>> catalogs = new EnumMap<>(Language.class);
    private final Map<Language, Map<String, MessageFormat>> compiled = new EnumMap<>(Language.class);

    private Messages() {
        for (Language language : Language.values()) {
            catalogs.put(language, load(language));
            compiled.put(language, new ConcurrentHashMap<>());
        }
    }

    /** The catalogs, loaded once. */
    public static Messages get() {
        return INSTANCE;
    }

    /** The text for {@code key} in {@code language}, with named arguments ({@code {name}} in the pattern). */
    public String format(Language language, String key, Map<String, ?> args) {
        MessageFormat format = compiled.get(language).computeIfAbsent(key, k -> {
            String pattern = catalogs.get(language).get(k);
            if (pattern == null) {
                throw new MissingMessageException(language, k);
            }
            return new MessageFormat(pattern, ULocale.forLocale(language.locale()));
        });
        // MessageFormat is not thread-safe; formatting is cheap next to a network round trip.
        synchronized (format) {
            return format.format(args);
        }
    }

    /** The text for {@code key} in {@code language}, without arguments. */
    public String format(Language language, String key) {
        return format(language, key, Map.of());
    }

    /** True when the catalog of {@code language} has {@code key}. */
    public boolean has(Language language, String key) {
        return catalogs.get(language).containsKey(key);
    }

    /** All keys of a language's catalog, sorted. */
    public Set<String> keys(Language language) {
        return Collections.unmodifiableSet(new TreeSet<>(catalogs.get(language).keySet()));
    }

    /** The raw pattern, for tests and the translators' review. */
    public String pattern(Language language, String key) {
        String pattern = catalogs.get(language).get(key);
        if (pattern == null) {
            throw new MissingMessageException(language, key);
        }
        return pattern;
    }

    private static Map<String, String> load(Language language) {
        String name = "messages_" + language.code() + ".properties";
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing catalog " + name);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> map = new ConcurrentHashMap<>();
            properties.forEach((k, v) -> map.put((String) k, (String) v));
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }
}
