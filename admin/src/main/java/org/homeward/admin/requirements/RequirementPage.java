package org.homeward.admin.requirements;

import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;
import org.homeward.admin.web.Role;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.requirements.StaffRequirements;
import org.homeward.core.requirements.StaffRequirements.Route;
import org.homeward.db.Database;
import org.homeward.db.jooq.tables.records.RequirementRecord;
import org.homeward.i18n.StaffLanguage;
import org.jooq.DSLContext;

/** A new requirement's form, or one requirement: its route, answers and (for staff) the form for its next version. */
final class RequirementPage implements Action {
    private final Database database;
    private final boolean isNew;

    RequirementPage(Database database, boolean isNew) {
        this.database = database;
        this.isNew = isNew;
    }

    @Override
    public Result handle(Exchange ex) {
        if (isNew) {
            return render(ex, 200, database.dsl(), null, Form.empty(), null, "");
        }
        int id = number(ex.param("id"));
        String done = ex.query("done");
        return render(ex, 200, database.dsl(), id, null, null, done.matches("created|published") ? done : "");
    }

    /**
     * The page of requirement {@code id} (null: a new one); {@code form} as typed (null: the stored values),
     * {@code refused} the text of a refused publish (or null), {@code done} the key of what was just done.
     */
    static Result render(Exchange ex, int status, DSLContext dsl, Integer id, Form form, String refused, String done) {
        StaffRequirements requirements = new StaffRequirements(dsl, new Outbox());
        RequirementRecord r = null;
        if (id != null) {
            r = requirements.find(id).orElse(null);
            if (r == null) {
                return notFound(ex);
            }
        }
        Routes routes = new Routes(dsl, ex.texts());
        return ex.render(status, "requirement.jte", "r", r, "form", form != null ? form : RequirementForm.of(r),
                "routes", routes, "route", r == null ? "" : routes.name(Route.of(r)),
                "counts", r != null && r.getActive() && r.getQuestionRu() != null ? requirements.counts(r) : null,
                "staff", ex.session().role() == Role.STAFF, "refused", refused == null ? "" : refused, "done", done);
    }

    /** A migrants' text for staff: Russian for Russian, the Latin-script Uzbek for English (as the place names). */
    static String text(Exchange ex, String ru, String uz) {
        return ex.texts().language() == StaffLanguage.RU || uz == null ? ru : uz;
    }

    static Result notFound(Exchange ex) {
        return ex.render(404, "error.jte", "status", 404, "messageKey", "error.not_found");
    }

    /** A path number, or -1 (found nowhere). */
    static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
