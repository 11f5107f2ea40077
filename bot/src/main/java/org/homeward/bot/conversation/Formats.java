package org.homeward.bot.conversation;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.homeward.i18n.Language;

/** Dates as people read them in their language. */
final class Formats {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private Formats() {}

    /** A birth date as typed in all three languages: dd.mm.yyyy. */
    static String day(String isoDate) {
        return isoDate == null ? "—" : LocalDate.parse(isoDate).format(DAY);
    }

    /**
     * A departure time: weekday, date and 24-hour time in the departure point's time zone, as the language writes
     * it ("вторник, 24 ноября 2026 г. в 08:30"). Formatted here until the catalogs format ZonedDateTime arguments.
     */
    static String departure(Instant when, String zone, Language language) {
        DateFormat format = DateFormat.getDateTimeInstance(DateFormat.FULL, DateFormat.SHORT, ULocale.forLocale(language.locale()));
        format.setTimeZone(TimeZone.getTimeZone(zone));
        String text = format.format(Date.from(when));
        // ICU's Tajik data capitalises month and weekday names; Tajik writes them in lower case.
        return language == Language.TG ? text.toLowerCase(language.locale()) : text;
    }
}
