package org.homeward.i18n;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.DateFormatSymbols;
import com.ibm.icu.text.DateTimePatternGenerator;
import com.ibm.icu.text.SimpleDateFormat;
import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.GregorianCalendar;
import com.ibm.icu.util.SimpleTimeZone;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Locale;

/**
 * Date and time arguments: java.time values to ICU calendars in the right zone, and the date formats per language,
 * with our own Tajik forms where ICU's are not good enough.
 *
 * <p>ICU4J 79 data for Tajik: month names are Russian-style and capitalised ("21 Март 2026", "Шанбе"), the month
 * never takes the izofa before a year, the short date is "21/03/26", and some skeletons fall back to an English
 * order ("Март 21, Шанбе"). Weekdays capitalised are also ambiguous: "Душанбе, 23.03.2026" reads as the city. So
 * Tajik dates are formatted with lower-case names, "21 марти 2026" (izofa when a year follows), "21 март" without
 * a year, and dd.MM.yyyy for numeric dates. Uzbek is fine except the short date "21/03/26", made dd.MM.yyyy as on
 * Uzbek documents.
 */
final class Dates {
    private static final String[] TG_MONTHS = {
        "январ", "феврал", "март", "апрел", "май", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"
    };
    private static final String[] TG_MONTHS_IZOFA = {
        "январи", "феврали", "марти", "апрели", "майи", "июни", "июли", "августи", "сентябри", "октябри", "ноябри",
        "декабри"
    };
    // Index 0 unused, Calendar.SUNDAY == 1.
    private static final String[] TG_WEEKDAYS = {
        "", "якшанбе", "душанбе", "сешанбе", "чоршанбе", "панҷшанбе", "ҷумъа", "шанбе"
    };
    private static final String NUMERIC_DATE = "dd.MM.yyyy";

    private Dates() {}

    /**
     * The ICU calendar for a date or time argument. Zoned values keep their own zone (a departure is shown in the
     * departure point's zone); an {@link Instant} or {@link Date} takes {@code zone}, which must then be given;
     * local values are shown as they are.
     */
    static Calendar toCalendar(String name, Object value, ZoneId zone) {
        if (value instanceof ZonedDateTime z) {
            return at(z.toInstant(), z.getZone());
        }
        if (value instanceof OffsetDateTime o) {
            return at(o.toInstant(), o.getOffset());
        }
        if (value instanceof Instant i) {
            return at(i, requireZone(name, zone));
        }
        if (value instanceof Date d) {
            return at(d.toInstant(), requireZone(name, zone));
        }
        if (value instanceof LocalDate d) {
            return wall(d.atStartOfDay());
        }
        if (value instanceof LocalDateTime t) {
            return wall(t);
        }
        if (value instanceof Calendar c) {
            return c.clone();
        }
        throw new IllegalArgumentException("argument '" + name + "' is "
                + (value == null ? "missing" : "a " + value.getClass().getName()) + ", not a date or time");
    }

    private static ZoneId requireZone(String name, ZoneId zone) {
        if (zone == null) {
            // The server's zone is never the right one for a migrant, so there is no default.
            throw new IllegalArgumentException("argument '" + name
                    + "' is an instant: pass the zone to show it in (format(language, key, args, zone))");
        }
        return zone;
    }

    private static Calendar at(Instant instant, ZoneId zone) {
        Calendar calendar = new GregorianCalendar(icuZone(zone, instant), ULocale.ROOT);
        calendar.setTimeInMillis(instant.toEpochMilli());
        return calendar;
    }

    private static Calendar wall(LocalDateTime t) {
        Calendar calendar = new GregorianCalendar(TimeZone.GMT_ZONE, ULocale.ROOT);
        calendar.clear();
        calendar.set(t.getYear(), t.getMonthValue() - 1, t.getDayOfMonth(), t.getHour(), t.getMinute(),
                t.getSecond());
        return calendar;
    }

    private static TimeZone icuZone(ZoneId zone, Instant instant) {
        ZoneId normalized = zone.normalized();
        if (normalized instanceof ZoneOffset offset) {
            return fixed(offset, zone.getId());
        }
        TimeZone tz = TimeZone.getFrozenTimeZone(normalized.getId());
        if (TimeZone.UNKNOWN_ZONE_ID.equals(tz.getID())) {
            // A zone the JDK knows and ICU does not: its offset at that instant is right for that instant.
            return fixed(zone.getRules().getOffset(instant), zone.getId());
        }
        return tz;
    }

    private static TimeZone fixed(ZoneOffset offset, String id) {
        return new SimpleTimeZone(offset.getTotalSeconds() * 1000, id);
    }

    /**
     * A new date format (not shared: ICU formats are not thread-safe) for a {@code {x, date, style}} or
     * {@code {x, time, style}} argument: short, medium, long, full, a {@code ::skeleton} or an explicit pattern.
     */
    static DateFormat formatFor(Language language, boolean date, String style) {
        ULocale locale = ULocale.forLocale(language.locale());
        String s = style.trim();
        if (language == Language.TG) {
            return tajik(locale, tajikPattern(locale, date, s));
        }
        if (s.startsWith("::")) {
            String pattern = DateTimePatternGenerator.getInstance(locale).getBestPattern(s.substring(2));
            if (language == Language.UZ) {
                pattern = pattern.replace("dd/MM/y", NUMERIC_DATE);
            }
            return new SimpleDateFormat(pattern, locale);
        }
        int named = namedStyle(s);
        if (named < 0) {
            return new SimpleDateFormat(s, locale);
        }
        if (date && language == Language.UZ && named == DateFormat.SHORT) {
            return new SimpleDateFormat(NUMERIC_DATE, locale);
        }
        return date ? DateFormat.getDateInstance(named, locale) : DateFormat.getTimeInstance(named, locale);
    }

    private static int namedStyle(String style) {
        return switch (style.toLowerCase(Locale.ROOT)) {
            case "" , "medium" -> DateFormat.MEDIUM;
            case "short" -> DateFormat.SHORT;
            case "long" -> DateFormat.LONG;
            case "full" -> DateFormat.FULL;
            default -> -1;
        };
    }

    private static String tajikPattern(ULocale locale, boolean date, String style) {
        if (style.startsWith("::")) {
            return tajikSkeleton(style.substring(2));
        }
        int named = namedStyle(style);
        if (named < 0) {
            return style;
        }
        if (!date) {
            return switch (named) {
                case DateFormat.SHORT -> "HH:mm";
                case DateFormat.MEDIUM -> "HH:mm:ss";
                default -> ((SimpleDateFormat) DateFormat.getTimeInstance(named, locale)).toPattern();
            };
        }
        return switch (named) {
            case DateFormat.LONG -> "d MMMM y";
            case DateFormat.FULL -> "EEEE, d MMMM y";
            default -> NUMERIC_DATE;
        };
    }

    /** A Tajik pattern for an ICU skeleton, in Tajik order: weekday, day, month, year, then "соати" and the time. */
    static String tajikSkeleton(String skeleton) {
        boolean weekday = skeleton.indexOf('E') >= 0 || skeleton.indexOf('c') >= 0;
        boolean day = skeleton.indexOf('d') >= 0;
        long monthLetters = skeleton.chars().filter(ch -> ch == 'M' || ch == 'L').count();
        boolean year = skeleton.indexOf('y') >= 0;
        boolean time = skeleton.chars().anyMatch(ch -> "HhjJKkm".indexOf(ch) >= 0);
        boolean seconds = skeleton.indexOf('s') >= 0;
        StringBuilder p = new StringBuilder();
        if (monthLetters >= 3) {
            p.append(day ? "d " : "").append("MMMM").append(year ? " y" : "");
        } else {
            StringBuilder numeric = new StringBuilder();
            if (day) {
                numeric.append("dd");
            }
            if (monthLetters > 0) {
                numeric.append(numeric.isEmpty() ? "" : ".").append("MM");
            }
            if (year) {
                numeric.append(numeric.isEmpty() ? "" : ".").append("yyyy");
            }
            p.append(numeric);
        }
        if (weekday) {
            p.insert(0, p.isEmpty() ? "EEEE" : "EEEE, ");
        }
        if (time) {
            String t = seconds ? "HH:mm:ss" : "HH:mm";
            p.append(p.isEmpty() ? t : (monthLetters >= 3 ? " 'соати' " : ", ") + t);
        }
        return p.toString();
    }

    private static DateFormat tajik(ULocale locale, String pattern) {
        DateFormatSymbols symbols = new DateFormatSymbols(locale);
        // Izofa ("21 марти 2026") only when a year follows the month; "21 март" on its own.
        boolean izofa = unquoted(pattern).indexOf('y') > unquoted(pattern).indexOf('M')
                && unquoted(pattern).indexOf('M') >= 0;
        String[] months = izofa ? TG_MONTHS_IZOFA : TG_MONTHS;
        for (int width : new int[] {DateFormatSymbols.WIDE, DateFormatSymbols.ABBREVIATED}) {
            symbols.setMonths(months, DateFormatSymbols.FORMAT, width);
            symbols.setMonths(TG_MONTHS, DateFormatSymbols.STANDALONE, width);
            symbols.setWeekdays(TG_WEEKDAYS, DateFormatSymbols.FORMAT, width);
            symbols.setWeekdays(TG_WEEKDAYS, DateFormatSymbols.STANDALONE, width);
        }
        SimpleDateFormat tajik = new SimpleDateFormat(pattern, locale);
        tajik.setDateFormatSymbols(symbols);
        return tajik;
    }

    private static String unquoted(String pattern) {
        return pattern.replaceAll("'[^']*'", "");
    }
}
