package org.homeward.core.registrations;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks and normalises what people type, for the bot and the admin app alike. Pure functions. A check returns
 * the normalised value or the {@link Problem} with it, so each front end can say what exactly is wrong.
 */
public final class Validation {
    private Validation() {}

    public static final int OLDEST_AGE = 120;
    /** The longest full name, place or district kept: what a document's line holds, with room to spare. */
    public static final int MAX_TEXT = 100;

    /** Why a typed answer is refused. */
    public enum Problem {
        /** Not written in letters (or too short to be a word) where a name or a place is asked. */
        NOT_LETTERS,
        /** A full name of one word: at least a surname and a given name are needed. */
        ONE_WORD,
        /** Longer than {@link #MAX_TEXT} characters. */
        TOO_LONG,
        /** No date in any accepted spelling, or a day that does not exist (31.02). */
        NOT_A_DATE,
        /** A birth date after today. */
        IN_FUTURE,
        /** A birth date more than {@link #OLDEST_AGE} years ago. */
        TOO_OLD,
        /** Not a document number: other characters than Latin letters and digits, or not 4 to 20 of them. */
        NOT_A_DOCUMENT_NUMBER,
        /** Not a phone number in international form. */
        NOT_A_PHONE
    }

    /** What checking one answer came to: the normalised value, or the problem with it. */
    public sealed interface Checked<T> {
        /** Accepted, as it is to be stored. */
        record Valid<T>(T value) implements Checked<T> {}

        /** Refused, and why. */
        record Invalid<T>(Problem problem) implements Checked<T> {}

        /** The value when accepted, else empty. */
        default Optional<T> accepted() {
            return this instanceof Valid<T> valid ? Optional.of(valid.value()) : Optional.empty();
        }
    }

    // Letters of any script, with the spaces, hyphens, apostrophes and dots names are written with.
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} .'ʼʻ’‘-]*[\\p{L}\\p{M}.]");
    private static final Pattern DMY = Pattern.compile("(\\d{1,2})\\s*[./\\-\\s]\\s*(\\d{1,2})\\s*[./\\-\\s]\\s*(\\d{2}|\\d{4})");
    private static final Pattern YMD = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern COMPACT = Pattern.compile("(\\d{2})(\\d{2})(\\d{4})");

    /**
     * A full name as written in a document: at least two words (surname and given name), in letters with spaces,
     * hyphens and apostrophes, at most {@link #MAX_TEXT} characters. A name too long is told as such first: a
     * pasted paragraph is not "not letters".
     */
    public static Checked<String> fullName(String text) {
        String name = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (name.length() > MAX_TEXT) {
            return invalid(Problem.TOO_LONG);
        }
        if (name.length() < 2 || !NAME.matcher(name).matches()) {
            return invalid(Problem.NOT_LETTERS);
        }
        if (name.indexOf(' ') < 0) {
            return invalid(Problem.ONE_WORD);
        }
        return valid(name);
    }

    /** A free-text place or district: 2–{@value #MAX_TEXT} characters with at least one letter. */
    public static Checked<String> place(String text) {
        String place = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (place.length() > MAX_TEXT) {
            return invalid(Problem.TOO_LONG);
        }
        if (place.length() < 2 || place.codePoints().noneMatch(Character::isLetter) || place.startsWith("/")) {
            return invalid(Problem.NOT_LETTERS);
        }
        return valid(place);
    }

    /**
     * A date of birth: dd.mm.yyyy and its common variants (slashes, dashes, spaces, one-digit day or month,
     * two-digit year, ddmmyyyy, yyyy-mm-dd); never in the future, nobody older than {@value #OLDEST_AGE}.
     */
    public static Checked<LocalDate> birthDate(String text, LocalDate today) {
        String s = text == null ? "" : text.strip();
        Integer day = null, month = null, year = null;
        Matcher m;
        if ((m = DMY.matcher(s)).matches()) {
            day = Integer.valueOf(m.group(1));
            month = Integer.valueOf(m.group(2));
            year = Integer.valueOf(m.group(3));
            if (m.group(3).length() == 2) {
                // Two digits: this century unless that would be in the future.
                year += 2000;
                if (year > today.getYear()) {
                    year -= 100;
                }
            }
        } else if ((m = YMD.matcher(s)).matches()) {
            year = Integer.valueOf(m.group(1));
            month = Integer.valueOf(m.group(2));
            day = Integer.valueOf(m.group(3));
        } else if ((m = COMPACT.matcher(s)).matches()) {
            day = Integer.valueOf(m.group(1));
            month = Integer.valueOf(m.group(2));
            year = Integer.valueOf(m.group(3));
        } else {
            return invalid(Problem.NOT_A_DATE);
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException e) {
            return invalid(Problem.NOT_A_DATE);
        }
        if (date.isAfter(today)) {
            return invalid(Problem.IN_FUTURE);
        }
        if (date.isBefore(today.minusYears(OLDEST_AGE))) {
            return invalid(Problem.TOO_OLD);
        }
        return valid(date);
    }

    /**
     * A document number in upper-case Latin letters and digits, 4–20 long. Spaces, dashes and dots are dropped,
     * and Cyrillic letters that look like Latin ones (as typed on a Russian keyboard) become those letters, so the
     * same document typed twice is recognised.
     */
    public static Checked<String> documentNumber(String text) {
        if (text == null) {
            return invalid(Problem.NOT_A_DOCUMENT_NUMBER);
        }
        StringBuilder out = new StringBuilder();
        for (char c : text.strip().toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == ' ' || c == '-' || c == '.' || c == '№' || c == '/') {
                continue;
            }
            int i = "АВЕКМНОРСТХУ".indexOf(c);
            char latin = i >= 0 ? "ABEKMHOPCTXY".charAt(i) : c;
            if ((latin >= 'A' && latin <= 'Z') || (latin >= '0' && latin <= '9')) {
                out.append(latin);
            } else {
                return invalid(Problem.NOT_A_DOCUMENT_NUMBER);
            }
        }
        return out.length() >= 4 && out.length() <= 20 ? valid(out.toString()) : invalid(Problem.NOT_A_DOCUMENT_NUMBER);
    }

    /**
     * A document number for the chat, never echoed back whole: at most its last 3 characters and never more than
     * half of them, the rest as dots, one per hidden character up to 5. So a short number shows no more dots than
     * it has characters ({@code A1B2} is {@code ••B2}), and a long one does not give its length away.
     */
    public static String mask(String documentNumber) {
        if (documentNumber == null) {
            return "";
        }
        int length = documentNumber.length();
        int shown = Math.min(3, length / 2);
        return "•".repeat(Math.min(5, length - shown)) + documentNumber.substring(length - shown);
    }

    // The country calling code for a mobile number typed without it, by the applicant's citizenship. Tajik and
    // Uzbek mobile numbers are both 9 digits long, so the number alone cannot tell which country it is in.
    private static final Map<String, String> CALLING_CODES = Map.of("TJ", "992", "UZ", "998");

    /**
     * A phone number in international form, + and 10–15 digits, as typed by an applicant of {@code citizenship}
     * (ISO 3166 alpha-2, or null). Accepts spaces, dashes and brackets; 00 for +; Russian and Kazakh 8XXXXXXXXXX;
     * a 9-digit number without its country code when the citizenship is Tajik (+992) or Uzbek (+998). Any other
     * number typed without + must hold its country code (11 digits or more): a shorter one is refused rather than
     * saved as another country's number (a Russian 916… without its 8 is not +916…).
     */
    public static Checked<String> phone(String text, String citizenship) {
        if (text == null) {
            return invalid(Problem.NOT_A_PHONE);
        }
        String s = text.strip();
        boolean plus = s.startsWith("+");
        String digits = s.replaceAll("[\\s()\\-.+]", "");
        if (!digits.matches("[0-9]+") || (plus && s.indexOf('+', 1) >= 0)) {
            return invalid(Problem.NOT_A_PHONE);
        }
        if (!plus) {
            if (digits.startsWith("00")) {
                digits = digits.substring(2);
            } else if (digits.length() == 11 && digits.startsWith("8")) {
                digits = "7" + digits.substring(1);
            } else if (digits.length() == 9 && citizenship != null && CALLING_CODES.containsKey(citizenship)
                    && !digits.startsWith("0")) {
                digits = CALLING_CODES.get(citizenship) + digits;
            } else if (digits.length() < 11) {
                return invalid(Problem.NOT_A_PHONE);
            }
        }
        if (digits.length() < 10 || digits.length() > 15 || digits.startsWith("0")) {
            return invalid(Problem.NOT_A_PHONE);
        }
        return valid("+" + digits);
    }

    private static <T> Checked<T> valid(T value) {
        return new Checked.Valid<>(value);
    }

    private static <T> Checked<T> invalid(Problem problem) {
        return new Checked.Invalid<>(problem);
    }

    /** A phone number that carries its country code (or is a Russian or Kazakh 8XXXXXXXXXX), as Telegram shares it. */
    public static Checked<String> phone(String text) {
        return phone(text, null);
    }

    /** Great-circle distance in kilometres (haversine). */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
