package org.homeward.admin.requirements;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;
import org.homeward.admin.web.Role;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.requirements.StaffRequirements;
import org.homeward.core.requirements.StaffRequirements.Route;
import org.homeward.db.Database;
import org.homeward.db.jooq.tables.records.RequirementRecord;
import org.jooq.DSLContext;

/** Every requirement grouped by route, with its current version and, for a question, the answers of those it concerns. */
final class RequirementsPage implements Action {
    private final Database database;

    RequirementsPage(Database database) {
        this.database = database;
    }

    @Override
    public Result handle(Exchange ex) {
        DSLContext dsl = database.dsl();
        StaffRequirements requirements = new StaffRequirements(dsl, new Outbox());
        Routes routes = new Routes(dsl, ex.texts());
        Map<String, List<RequirementRow>> active = new LinkedHashMap<>();
        List<RequirementRow> inactive = new ArrayList<>();
        for (RequirementRecord r : requirements.all()) {
            RequirementRow row = new RequirementRow(r, RequirementPage.text(ex, r.getTextRu(), r.getTextUz()),
                    r.getActive() && r.getQuestionRu() != null ? requirements.counts(r) : null);
            if (r.getActive()) {
                active.computeIfAbsent(routes.name(Route.of(r)), k -> new ArrayList<>()).add(row);
            } else {
                inactive.add(row);
            }
        }
        String done = ex.query("done");
        return ex.render("requirements.jte", "groups", active, "inactive", inactive, "routes", routes,
                "staff", ex.session().role() == Role.STAFF, "done", done.matches("deactivated") ? done : "");
    }
}
