package org.homeward.admin.broadcasts;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.core.broadcasts.Broadcasts.Draft;
import org.homeward.core.broadcasts.Broadcasts.Filter;
import org.homeward.core.broadcasts.Broadcasts.Registered;
import org.homeward.db.enums.StaffStatus;
import org.homeward.i18n.Language;

/**
 * The composer's form: three texts, the language plan for languages left unwritten, and the audience filter. A
 * repeated field (checkboxes) is kept in the typed form as {@code name.value}, so a refused form shows them ticked.
 */
final class ComposeForm {
    static final List<String> AUDIENCE_LANGUAGES = List.of("tg", "ru", "uz", Filter.NO_LANGUAGE);
    static final List<String> NEEDS = List.of("unaccompanied_child", "pregnancy", "illness", "elderly", "disability",
            "no_food_water", "no_shelter");
    static final List<StaffStatus> STATUSES = List.of(StaffStatus.values());

    private ComposeForm() {}

    /** A draft, or null, and what was typed with its errors. */
    record Parsed(Draft draft, Form typed) {}

    static Parsed parse(Exchange ex) {
        Form typed = Form.empty();
        Map<Language, String> texts = new EnumMap<>(Language.class);
        Map<Language, Language> plan = new EnumMap<>(Language.class);
        for (Language l : Language.values()) {
            String text = ex.form("text_" + l.code()).replace("\r\n", "\n");
            typed.value("text_" + l.code(), text);
            texts.put(l, text.isBlank() ? null : text);
            String to = ex.form("plan_" + l.code());
            typed.value("plan_" + l.code(), to);
            Language.fromCode(to).ifPresent(t -> plan.put(l, t));
        }
        Filter filter = filter(ex, typed);
        Draft draft = new Draft(texts, plan, filter);
        draft.problems().forEach((field, problem) -> typed.error(field, "broadcast.problem." + problem));
        return new Parsed(typed.valid() ? draft : null, typed);
    }

    /** The audience filter alone (the live count), whatever the texts. */
    static Filter filterOnly(Exchange ex) {
        return filter(ex, Form.empty());
    }

    private static Filter filter(Exchange ex, Form typed) {
        List<Integer> places = numbers(ex, typed, "place");
        List<Integer> destinations = numbers(ex, typed, "dest");
        List<StaffStatus> statuses = new ArrayList<>();
        for (StaffStatus s : STATUSES) {
            if (ex.formValues("status").contains(s.getLiteral())) {
                statuses.add(s);
                typed.value("status." + s.getLiteral(), "on");
            }
        }
        List<String> needs = checked(ex, typed, "need", NEEDS);
        List<String> languages = checked(ex, typed, "language", AUDIENCE_LANGUAGES);
        Long departure = null;
        String d = ex.form("departure");
        typed.value("departure", d);
        if (!d.isBlank()) {
            try {
                departure = Long.parseLong(d.strip());
            } catch (NumberFormatException e) {
                typed.error("departure", "broadcast.problem.departure");
            }
        }
        String registered = ex.form("registered");
        typed.value("registered", registered);
        Registered r = switch (registered) {
            case "yes" -> Registered.YES;
            case "no" -> Registered.NO;
            default -> Registered.ANY;
        };
        return new Filter(places, destinations, statuses, needs, languages, departure, r);
    }

    private static List<String> checked(Exchange ex, Form typed, String field, List<String> offered) {
        List<String> out = new ArrayList<>();
        for (String v : offered) {
            if (ex.formValues(field).contains(v)) {
                out.add(v);
                typed.value(field + "." + v, "on");
            }
        }
        return out;
    }

    private static List<Integer> numbers(Exchange ex, Form typed, String field) {
        List<Integer> out = new ArrayList<>();
        for (String v : ex.formValues(field)) {
            try {
                out.add(Integer.parseInt(v));
                typed.value(field + "." + v, "on");
            } catch (NumberFormatException ignored) {
                // not one of the offered boxes: left out
            }
        }
        return out;
    }

    /** The filter as the audit log and the pages describe it: ids and codes only, no personal data. */
    static String describe(Filter f) {
        List<String> parts = new ArrayList<>();
        if (!f.places().isEmpty()) {
            parts.add("places " + f.places());
        }
        if (!f.destinations().isEmpty()) {
            parts.add("destinations " + f.destinations());
        }
        if (!f.statuses().isEmpty()) {
            parts.add("statuses " + f.statuses().stream().map(StaffStatus::getLiteral).toList());
        }
        if (!f.needs().isEmpty()) {
            parts.add("needs " + f.needs());
        }
        if (!f.languages().isEmpty()) {
            parts.add("languages " + f.languages());
        }
        if (f.departureId() != null) {
            parts.add("departure " + f.departureId());
        }
        if (f.registered() != Registered.ANY) {
            parts.add("registered " + f.registered().name().toLowerCase(java.util.Locale.ROOT));
        }
        return parts.isEmpty() ? "everyone" : String.join("; ", parts);
    }
}
