package org.homeward.admin.requirements;

import java.util.List;
import java.util.Map;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.requirements.StaffRequirements;
import org.homeward.core.requirements.StaffRequirements.Route;
import org.homeward.db.Database;
import org.homeward.db.jooq.tables.records.RequirementVersionRecord;

/** Every published version of a requirement, newest first: route, texts, question, who published it, when, to how many. */
final class RequirementHistoryPage implements Action {
    private final Database database;

    RequirementHistoryPage(Database database) {
        this.database = database;
    }

    @Override
    public Result handle(Exchange ex) {
        var dsl = database.dsl();
        StaffRequirements requirements = new StaffRequirements(dsl, new Outbox());
        int id = RequirementPage.number(ex.param("id"));
        var r = requirements.find(id);
        if (r.isEmpty()) {
            return RequirementPage.notFound(ex);
        }
        Routes routes = new Routes(dsl, ex.texts());
        Map<Long, String> emails = dsl.fetch("select id, email from staff_account")
                .intoMap(x -> x.get(0, Long.class), x -> x.get(1, String.class));
        List<PublishedVersion> versions = requirements.versions(id).stream()
                .map(v -> new PublishedVersion(v, routes.name(Route.of(v)),
                        v.getPublishedBy() == null ? "—" : emails.getOrDefault(v.getPublishedBy(), "—")))
                .toList();
        return ex.render("requirement_history.jte", "r", r.get(), "versions", versions);
    }
}
