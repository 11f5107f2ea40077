package org.homeward.admin.requirements;

import java.util.List;
import java.util.Map;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.core.requirements.StaffRequirements.Draft;
import org.homeward.core.requirements.StaffRequirements.Route;
import org.homeward.db.jooq.tables.records.RequirementRecord;

/**
 * The requirement form: the route as two selectors ({@code from}: "", {@code place:<id>} or {@code country:<CC>};
 * {@code to}: "", {@code dest:<id>} or {@code country:<CC>}), so a place and a country can never both be chosen,
 * the text and the optional question in three languages, and "ask again".
 */
final class RequirementForm {
    static final List<String> TEXTS = List.of("text_tg", "text_ru", "text_uz", "question_tg", "question_ru", "question_uz");

    private RequirementForm() {}

    /** What was typed, and the draft it makes (null when the route cannot be read). */
    record Parsed(Form typed, Draft draft) {}

    static Parsed parse(Exchange ex) {
        Form f = Form.empty();
        for (String field : TEXTS) {
            f.value(field, ex.form(field));
        }
        f.value("from", ex.form("from"));
        f.value("to", ex.form("to"));
        f.value("ask_again", ex.form("ask_again").isEmpty() ? "" : "on");
        f.value("version", ex.form("version"));
        Integer locationId = null;
        String locationCountry = null;
        Integer destinationId = null;
        String destinationCountry = null;
        String from = ex.form("from");
        if (from.matches("place:[0-9]{1,9}")) {
            locationId = Integer.valueOf(from.substring(6));
        } else if (from.matches("country:[A-Z]{2}")) {
            locationCountry = from.substring(8);
        } else if (!from.isEmpty()) {
            f.error("from", "requirement.problem.unknown");
        }
        String to = ex.form("to");
        if (to.matches("dest:[0-9]{1,9}")) {
            destinationId = Integer.valueOf(to.substring(5));
        } else if (to.matches("country:[A-Z]{2}")) {
            destinationCountry = to.substring(8);
        } else if (!to.isEmpty()) {
            f.error("to", "requirement.problem.unknown");
        }
        if (!f.valid()) {
            return new Parsed(f, null);
        }
        Draft draft = new Draft(new Route(locationId, locationCountry, destinationId, destinationCountry),
                ex.form("text_tg"), ex.form("text_ru"), ex.form("text_uz"),
                ex.form("question_tg"), ex.form("question_ru"), ex.form("question_uz"), !ex.form("ask_again").isEmpty());
        return new Parsed(f, draft);
    }

    /** The stored requirement as a form. */
    static Form of(RequirementRecord r) {
        Form f = Form.empty();
        f.value("text_tg", r.getTextTg()).value("text_ru", r.getTextRu()).value("text_uz", r.getTextUz())
                .value("question_tg", r.getQuestionTg()).value("question_ru", r.getQuestionRu())
                .value("question_uz", r.getQuestionUz());
        Route route = Route.of(r);
        f.value("from", route.locationId() != null ? "place:" + route.locationId()
                : route.locationCountry() != null ? "country:" + route.locationCountry() : "");
        f.value("to", route.destinationId() != null ? "dest:" + route.destinationId()
                : route.destinationCountry() != null ? "country:" + route.destinationCountry() : "");
        f.value("version", String.valueOf(r.getVersion()));
        return f;
    }

    /** The core's error codes put beside the form's fields. */
    static void errors(Form f, Map<String, String> errors) {
        errors.forEach((field, code) -> {
            String formField = switch (field) {
                case "location" -> "from";
                case "destination" -> "to";
                default -> field;
            };
            f.error(formField, "requirement.problem." + code);
        });
    }
}
