package org.homeward.i18n;

import java.util.Locale;
import java.util.Optional;

/** The languages of the admin web app, chosen per staff member: Russian (the base) and English. */
public enum StaffLanguage {
    /** Russian: the base catalog. */
    RU("ru"),
    /** English. */
    EN("en");

    private final String code;

    StaffLanguage(String code) {
        this.code = code;
    }

    /** The code stored on the staff account and used in catalog file names: ru or en. */
    public String code() {
        return code;
    }

    /** The locale for plurals, dates and numbers. */
    public Locale locale() {
        return Locale.forLanguageTag(code);
    }

    /** The language with this code, if it is one of ours. */
    public static Optional<StaffLanguage> fromCode(String code) {
        for (StaffLanguage l : values()) {
            if (l.code.equals(code)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
