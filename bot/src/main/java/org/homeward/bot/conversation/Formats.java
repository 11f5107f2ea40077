package org.homeward.bot.conversation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Birth dates as typed. Dates written in words (a departure's) are the catalogs' date arguments, formatted per
 * language by the i18n module.
 */
final class Formats {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private Formats() {}

    /** A birth date as typed in all three languages: dd.mm.yyyy. */
    static String day(String isoDate) {
        return isoDate == null ? "—" : LocalDate.parse(isoDate).format(DAY);
    }
}
