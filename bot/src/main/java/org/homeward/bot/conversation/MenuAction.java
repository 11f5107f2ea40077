package org.homeward.bot.conversation;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.homeward.i18n.Language;

/** The main menu's buttons under the typing field ({@link Ui#menu}); each works from any state. */
enum MenuAction {
    REGISTER, REQUIREMENTS, DEPARTURE, MYDATA, HELP, LANGUAGE, BACK;

    private static final Map<String, MenuAction> BY_LABEL = labels();

    private static Map<String, MenuAction> labels() {
        Map<String, MenuAction> map = new HashMap<>();
        for (Language l : Language.values()) {
            map.put(Ui.t(l, "btn.menu.register"), REGISTER);
            map.put(Ui.t(l, "btn.menu.myreg"), REGISTER);
            map.put(Ui.t(l, "btn.menu.requirements"), REQUIREMENTS);
            map.put(Ui.t(l, "btn.menu.departure"), DEPARTURE);
            map.put(Ui.t(l, "btn.menu.mydata"), MYDATA);
            map.put(Ui.t(l, "btn.menu.help"), HELP);
            map.put(Ui.t(l, "btn.menu.language"), LANGUAGE);
            map.put(Ui.t(l, "btn.menu.back"), BACK);
        }
        return Map.copyOf(map);
    }

    /** The main-menu button with this label in any of the languages (an old keyboard may still be shown). */
    static Optional<MenuAction> of(String text) {
        return Optional.ofNullable(BY_LABEL.get(text.strip()));
    }
}
