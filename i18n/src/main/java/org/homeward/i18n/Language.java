package org.homeward.i18n;

import java.util.Locale;
import java.util.Optional;

/** The languages Homeward speaks with migrants. */
public enum Language {
    /** Tajik, Cyrillic script. */
    TG("tg"),
    /** Russian. */
    RU("ru"),
    /** Uzbek, Latin script (oʻ and gʻ with U+02BB). */
    UZ("uz");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** The code stored in the database and used in catalog file names: tg, ru or uz. */
    public String code() {
        return code;
    }

    /** The locale for plurals, dates and numbers. */
    public Locale locale() {
        return Locale.forLanguageTag(code);
    }

    /** The language with this stored code, if it is one of ours. */
    public static Optional<Language> fromCode(String code) {
        for (Language l : values()) {
            if (l.code.equals(code)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /**
     * The likely language of a person from Telegram's {@code language_code} (an IETF tag such as "ru" or "uz-UZ",
     * https://core.telegram.org/bots/api#user), or empty when it says nothing useful.
     */
    public static Optional<Language> fromTelegram(String languageCode) {
        if (languageCode == null || languageCode.isBlank()) {
            return Optional.empty();
        }
        String primary = languageCode.toLowerCase(Locale.ROOT).split("[-_]")[0];
        return fromCode(primary);
    }
}
