package org.homeward.admin.requirements;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.audit.AuditLog.Actor;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.requirements.StaffRequirements;
import org.homeward.core.requirements.StaffRequirements.Published;
import org.homeward.core.requirements.StaffRequirements.Route;
import org.homeward.db.Database;
import org.jooq.DSLContext;

/**
 * Staff publish requirements: a new one, a new version, or its withdrawal. The change, the notice to everyone on the
 * route (through the outbox) and the audit entry commit together; the audit names the requirement, version, route
 * and how many were told, never a person.
 */
final class RequirementChange implements Action {
    enum Kind { CREATE, EDIT, DEACTIVATE }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final Database database;
    private final Kind kind;

    RequirementChange(Database database, Kind kind) {
        this.database = database;
        this.kind = kind;
    }

    @Override
    public Result handle(Exchange ex) {
        return database.dsl().transactionResult(c -> {
            DSLContext tx = c.dsl();
            StaffRequirements requirements = new StaffRequirements(tx, new Outbox());
            if (kind == Kind.CREATE) {
                return create(ex, tx, requirements);
            }
            int id = RequirementPage.number(ex.param("id"));
            if (requirements.find(id).isEmpty()) {
                return RequirementPage.notFound(ex);
            }
            return kind == Kind.EDIT ? edit(ex, tx, requirements, id) : deactivate(ex, tx, requirements, id);
        });
    }

    private static Result create(Exchange ex, DSLContext tx, StaffRequirements requirements) {
        RequirementForm.Parsed parsed = RequirementForm.parse(ex);
        if (parsed.draft() == null) {
            return RequirementPage.render(ex, 422, tx, null, parsed.typed(), null, "");
        }
        Published outcome = requirements.create(parsed.draft(), ex.accountId(), ex.now());
        if (outcome instanceof Published.Invalid invalid) {
            RequirementForm.errors(parsed.typed(), invalid.errors());
            return RequirementPage.render(ex, 422, tx, null, parsed.typed(), null, "");
        }
        Published.Done done = (Published.Done) outcome;
        audit(ex, tx, "requirement.create", done, parsed.draft().route());
        return Result.redirect("/requirements/" + done.requirementId() + "?done=created");
    }

    private static Result edit(Exchange ex, DSLContext tx, StaffRequirements requirements, int id) {
        RequirementForm.Parsed parsed = RequirementForm.parse(ex);
        if (parsed.draft() == null) {
            return RequirementPage.render(ex, 422, tx, id, parsed.typed(), null, "");
        }
        int version = version(ex);
        Published outcome = requirements.edit(id, version, parsed.draft(), ex.accountId(), ex.now());
        return switch (outcome) {
            case Published.Invalid invalid -> {
                RequirementForm.errors(parsed.typed(), invalid.errors());
                yield RequirementPage.render(ex, 422, tx, id, parsed.typed(), null, "");
            }
            case Published.Stale stale -> {
                // Someone published since this form was shown: nothing is overwritten, the typed text stays.
                yield RequirementPage.render(ex, 409, tx, id, parsed.typed(), stale(ex, tx, stale), "");
            }
            case Published.Gone gone -> RequirementPage.notFound(ex);
            case Published.Done done -> {
                audit(ex, tx, "requirement.publish", done, parsed.draft().route());
                yield Result.redirect("/requirements/" + id + "?done=published");
            }
        };
    }

    private static Result deactivate(Exchange ex, DSLContext tx, StaffRequirements requirements, int id) {
        Route route = Route.of(requirements.find(id).orElseThrow());
        Published outcome = requirements.deactivate(id, version(ex), ex.accountId(), ex.now());
        return switch (outcome) {
            case Published.Stale stale -> RequirementPage.render(ex, 409, tx, id, null, stale(ex, tx, stale), "");
            case Published.Invalid invalid -> RequirementPage.render(ex, 409, tx, id, null,
                    ex.texts().get("requirement.problem.inactive"), "");
            case Published.Gone gone -> RequirementPage.notFound(ex);
            case Published.Done done -> {
                audit(ex, tx, "requirement.deactivate", done, route);
                yield Result.redirect("/requirements?done=deactivated");
            }
        };
    }

    private static int version(Exchange ex) {
        try {
            return Integer.parseInt(ex.form("version"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String stale(Exchange ex, DSLContext tx, Published.Stale stale) {
        String by = stale.publishedBy() == null ? "—" : tx.fetchOptional("select email from staff_account where id = ?",
                stale.publishedBy()).map(r -> r.get(0, String.class)).orElse("—");
        return ex.texts().get("requirement.stale", "version", stale.version(), "by", by,
                "at", WHEN.format(stale.publishedAt().atOffset(ZoneOffset.UTC)));
    }

    private static void audit(Exchange ex, DSLContext tx, String action, Published.Done done, Route route) {
        AuditLog.append(tx, ex.now(), Actor.of(ex), action, "requirement:" + done.requirementId(),
                "version " + done.version() + ", route " + code(route) + ", " + done.recipients() + " recipients"
                        + (done.asked() ? ", question asked" : ""));
    }

    /** The route in codes (no names, no people): place ids and country codes. */
    private static String code(Route r) {
        String from = r.locationId() != null ? "place " + r.locationId() : r.locationCountry() != null ? r.locationCountry() : "any";
        String to = r.destinationId() != null ? "destination " + r.destinationId()
                : r.destinationCountry() != null ? r.destinationCountry() : "any";
        return from + " -> " + to;
    }
}
