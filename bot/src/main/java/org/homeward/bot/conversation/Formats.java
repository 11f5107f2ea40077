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

    /** A departure time: weekday, day, month and 24-hour time in the departure point's time zone. */
    static String departure(Instant when, String zone, Language language) {
        DateFormat format = DateFormat.getInstanceForSkeleton("EEEEdMMMMHHmm", ULocale.forLocale(language.locale()));
        format.setTimeZone(TimeZone.getTimeZone(zone));
        return format.format(Date.from(when));
    }
}
