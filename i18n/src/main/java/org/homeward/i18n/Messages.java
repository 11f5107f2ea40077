package org.homeward.i18n;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.FieldPosition;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    private final Map<Language, Map<String, String>> catalogs;
    private final Map<Language, Map<String, Compiled>> compiled = new EnumMap<>(Language.class);

    private Messages() {
        this(loadAll());
    }

    /** Catalogs given directly: for tests of the formatting itself. */
    Messages(Map<Language, Map<String, String>> catalogs) {
        this.catalogs = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            this.catalogs.put(language, Map.copyOf(catalogs.getOrDefault(language, Map.of())));
            compiled.put(language, new ConcurrentHashMap<>());
        }
    }

    /** The catalogs, loaded once. */
    public static Messages get() {
        return INSTANCE;
    }

    /**
     * The text for {@code key} in {@code language}, with named arguments ({@code {name}} in the pattern).
     * Dates and times may be {@link java.time.ZonedDateTime}, {@link java.time.OffsetDateTime} (shown in their
     * own zone), {@link java.time.LocalDate} or {@link java.time.LocalDateTime}; an {@link java.time.Instant}
     * needs {@link #format(Language, String, Map, ZoneId)}.
     */
    public String format(Language language, String key, Map<String, ?> args) {
        return format(language, key, args, null);
    }

    /** As {@link #format(Language, String, Map)}, showing {@link java.time.Instant} arguments in {@code zone}. */
    public String format(Language language, String key, Map<String, ?> args, ZoneId zone) {
        Compiled c = compiled.get(language).computeIfAbsent(key, k -> compile(language, k, pattern(language, k)));
        Map<String, Object> actual = new HashMap<>(args);
        for (Temporal t : c.temporals()) {
            Object value = args.get(t.name());
            // As ICU shows a missing argument: visible in tests, harmless in chat.
            String text = value == null
                    ? "{" + t.name() + "}"
                    : t.format().clone().format(Dates.toCalendar(t.name(), value, zone),
                            new StringBuffer(), new FieldPosition(0)).toString();
            actual.put(t.replacement(), text);
        }
        // MessageFormat is not thread-safe; formatting is cheap next to a network round trip.
        synchronized (c.format()) {
            return c.format().format(actual);
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

    /**
     * The named arguments of {@code key} in {@code language}, in the order they first appear, each with the kind of
     * value it takes: for code that builds arguments generically (the outbox's checks, samples in tests).
     */
    public Map<String, ArgumentKind> arguments(Language language, String key) {
        Map<String, ArgumentKind> arguments = new LinkedHashMap<>();
        for (MessagePatterns.Arg arg : MessagePatterns.args(pattern(language, key))) {
            ArgumentKind kind = switch (arg.kind()) {
                case TEXT -> ArgumentKind.TEXT;
                case SELECT -> ArgumentKind.SELECT;
                case NUMBER, PLURAL, SELECTORDINAL, CHOICE -> ArgumentKind.NUMBER;
                case DATE, TIME -> ArgumentKind.DATE_TIME;
            };
            // A name used twice ({n, plural, ...} and a bare {n}) needs the value the stricter use takes.
            arguments.merge(arg.name(), kind, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return Collections.unmodifiableMap(arguments);
    }

    /** What value an argument takes; declared from the loosest to the strictest use. */
    public enum ArgumentKind {
        /** Shown as it is: a {@link String}. */
        TEXT,
        /** A select: one of its keywords as a {@link String} ({@code other} always fits). */
        SELECT,
        /** A number, plural, ordinal or choice: a {@link Number}. */
        NUMBER,
        /** A date or time: a {@link java.time.ZonedDateTime}, shown in its own zone. */
        DATE_TIME
    }

    /** The raw pattern, for tests and the translators' review. */
    public String pattern(Language language, String key) {
        String pattern = catalogs.get(language).get(key);
        if (pattern == null) {
            throw new MissingMessageException(language, key);
        }
        return pattern;
    }

    /**
     * Date and time arguments are taken out of the pattern and formatted by {@link Dates} into plain text
     * arguments: ICU's MessageFormat would use the server's zone for them, and its Tajik data is not good enough.
     */
    static Compiled compile(Language language, String key, String pattern) {
        List<MessagePatterns.Arg> args = MessagePatterns.args(pattern);
        List<Temporal> temporals = new ArrayList<>();
        String rewritten = pattern;
        for (int i = args.size() - 1; i >= 0; i--) { // from the end, so earlier offsets stay valid
            MessagePatterns.Arg arg = args.get(i);
            if (arg.kind().temporal()) {
                String replacement = "homeward_" + arg.kind().name().toLowerCase(Locale.ROOT) + "_" + i;
                DateFormat format;
                try {
                    format = Dates.formatFor(language, arg.kind() == MessagePatterns.Kind.DATE, arg.style());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad date style in '" + key + "' (" + language.code() + ")", e);
                }
                temporals.add(new Temporal(arg.name(), replacement, format));
                rewritten = MessagePatterns.replace(rewritten, arg.start(), arg.limit(), "{" + replacement + "}");
            }
        }
        return new Compiled(new MessageFormat(rewritten, ULocale.forLocale(language.locale())), List.copyOf(temporals));
    }

    /** A pattern ready to format: the MessageFormat (guarded by itself) and its date and time arguments. */
    record Compiled(MessageFormat format, List<Temporal> temporals) {}

    /** A date or time argument, formatted into the text argument {@code replacement}; {@code format} is cloned per use. */
    record Temporal(String name, String replacement, DateFormat format) {}

    private static Map<Language, Map<String, String>> loadAll() {
        Map<Language, Map<String, String>> all = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            all.put(language, load(language));
        }
        return all;
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
