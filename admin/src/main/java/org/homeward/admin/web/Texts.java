package org.homeward.admin.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.homeward.i18n.AdminTexts;
import org.homeward.i18n.StaffLanguage;

/** The admin texts in one member's language, as templates use them: {@code t.get("login.title")}. */
public final class Texts {
    private final StaffLanguage language;

    Texts(StaffLanguage language) {
        this.language = language;
    }

    /** The language these texts are in. */
    public StaffLanguage language() {
        return language;
    }

    /** The text for {@code key}. */
    public String get(String key) {
        return AdminTexts.get().format(language, key);
    }

    /** The text for {@code key} with named arguments given as name, value, name, value… */
    public String get(String key, Object... namesAndValues) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            args.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return AdminTexts.get().format(language, key, args);
    }
}
