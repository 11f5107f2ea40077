package org.homeward.admin.requirements;

import org.homeward.admin.web.Action;
import org.homeward.db.Database;

/** The requirements' routes, for the route table: the list, a new one, one requirement, its publishes and history. */
public final class RequirementActions {
    private final Database database;

    /** Actions on {@code database}. */
    public RequirementActions(Database database) {
        this.database = database;
    }

    /** GET /requirements: every requirement by route, its current version and answers. */
    public Action list() {
        return new RequirementsPage(database);
    }

    /** GET /requirements/new: the form for a new requirement. */
    public Action newForm() {
        return new RequirementPage(database, true);
    }

    /** POST /requirements/new: a new requirement, published to everyone on its route. */
    public Action create() {
        return new RequirementChange(database, RequirementChange.Kind.CREATE);
    }

    /** POST /requirements/{id}/preview (0: a new one): the notice as it would go out and how many it would reach (htmx). */
    public Action preview() {
        return new RequirementPreview(database);
    }

    /** GET /requirements/{id}: the requirement, its answers, and (for staff) the form for a new version. */
    public Action detail() {
        return new RequirementPage(database, false);
    }

    /** POST /requirements/{id}: a new version, published to everyone on its route. */
    public Action edit() {
        return new RequirementChange(database, RequirementChange.Kind.EDIT);
    }

    /** POST /requirements/{id}/deactivate: published as no longer needed. */
    public Action deactivate() {
        return new RequirementChange(database, RequirementChange.Kind.DEACTIVATE);
    }

    /** GET /requirements/{id}/history: every published version, who published it, when, to how many. */
    public Action history() {
        return new RequirementHistoryPage(database);
    }
}
