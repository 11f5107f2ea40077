package org.homeward.admin.requirements;

import java.util.Map;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.requirements.StaffRequirements;
import org.homeward.db.Database;
import org.homeward.db.jooq.tables.records.RequirementRecord;
import org.homeward.i18n.Language;

/**
 * The notice a publish would send, in the three languages, and how many people it would reach now: an htmx fragment
 * under the form, refreshed as staff type. It reads only; POST because it carries the whole typed form.
 */
final class RequirementPreview implements Action {
    private final Database database;

    RequirementPreview(Database database) {
        this.database = database;
    }

    @Override
    public Result handle(Exchange ex) {
        var dsl = database.dsl();
        StaffRequirements requirements = new StaffRequirements(dsl, new Outbox());
        RequirementForm.Parsed parsed = RequirementForm.parse(ex);
        if (parsed.draft() == null) {
            return ex.render("requirement_preview.jte", "count", -1, "texts", Map.of(), "asks", false);
        }
        RequirementRecord current = null;
        int id = RequirementPage.number(ex.param("id"));
        if (id > 0) {
            current = requirements.find(id).orElse(null);
        }
        var draft = parsed.draft();
        boolean complete = draft.textTg() != null && draft.textRu() != null && draft.textUz() != null;
        StaffRequirements.Notice notice = StaffRequirements.notice(current, draft);
        Map<Language, String> texts = complete ? notice.texts() : Map.of();
        return ex.render("requirement_preview.jte", "count", requirements.concernedCount(draft.route()),
                "texts", texts, "asks", notice.asks());
    }
}
