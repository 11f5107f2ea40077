package org.homeward.admin.registrations;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.audit.AuditLog.Actor;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;
import org.homeward.core.registrations.Field;
import org.homeward.core.registrations.History;
import org.homeward.core.registrations.RegistrationCodes;
import org.homeward.core.registrations.Registrations;
import org.homeward.core.registrations.Staff;
import org.homeward.core.registrations.StaffChanges;
import org.homeward.core.registrations.StaffChanges.Outcome;
import org.homeward.db.Database;
import org.homeward.db.enums.StaffStatus;
import org.jooq.DSLContext;

/**
 * Staff change a registration: correct its fields, move its status, or add a note. Each change and its audit
 * entry commit together; a change to a version the member did not see is refused with who changed it and when.
 */
final class RegistrationChange implements Action {
    enum Kind { CORRECT, STATUS, NOTE }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Database database;
    private final Kind kind;

    RegistrationChange(Database database, Kind kind) {
        this.database = database;
        this.kind = kind;
    }

    @Override
    public Result handle(Exchange exchange) {
        long id = RegistrationsPage.number(exchange.param("id"));
        Staff staff = new Staff(exchange.accountId(), exchange.session().email());
        return database.dsl().transactionResult(c -> {
            DSLContext tx = c.dsl();
            Optional<Detail> found = Detail.load(tx, id, exchange.texts().language());
            if (found.isEmpty()) {
                return RegistrationPage.notFound(exchange);
            }
            Detail detail = found.get();
            Registrations registrations = new Registrations(tx, new RegistrationCodes());
            Form stored = EditForm.of(registrations.form(detail.registration()), detail.registration().getVersion());
            StaffChanges changes = new StaffChanges(tx);
            return switch (kind) {
                case CORRECT -> correct(exchange, tx, detail, registrations, changes, staff);
                case STATUS -> move(exchange, tx, detail, stored, changes, staff);
                case NOTE -> note(exchange, tx, detail, stored, changes, staff);
            };
        });
    }

    private Result correct(Exchange ex, DSLContext tx, Detail detail, Registrations registrations,
            StaffChanges changes, Staff staff) {
        var current = registrations.form(detail.registration());
        EditForm.Parsed parsed = EditForm.parse(ex, current, detail.names(), ex.now().atZone(ZoneOffset.UTC).toLocalDate());
        if (parsed.form() == null) {
            return RegistrationPage.render(ex, 422, detail, parsed.typed(), Form.empty(), Form.empty(), null, "");
        }
        Outcome outcome = changes.correct(parsed.form(), parsed.version(), staff, ex.now());
        return switch (outcome) {
            case Outcome.Done done -> {
                String changed = String.join(",", StaffChanges.changes(current, parsed.form()));
                AuditLog.append(tx, ex.now(), Actor.of(ex), "registration.correct", subject(detail),
                        changed.isEmpty() ? "no change" : changed);
                yield redirect(detail, "saved");
            }
            case Outcome.Duplicate dup -> {
                String field = dup.field() == Field.PHONE ? "phone"
                        : dup.position() == 0 ? "a.docnumber" : "f" + dup.position() + ".docnumber";
                parsed.typed().error(field, dup.field() == Field.PHONE ? "problem.phone_taken" : "problem.document_taken");
                yield RegistrationPage.render(ex, 409, detail, parsed.typed(), Form.empty(), Form.empty(), null, "");
            }
            default -> refused(ex, tx, detail, outcome, parsed.typed(), Form.empty(), Form.empty());
        };
    }

    private Result move(Exchange ex, DSLContext tx, Detail detail, Form stored, StaffChanges changes, Staff staff) {
        Form move = Form.empty().value("status", ex.form("status")).value("reason", ex.form("reason"))
                .value("version", ex.form("version"));
        StaffStatus to = null;
        for (StaffStatus s : StaffStatus.values()) {
            if (s.getLiteral().equals(ex.form("status"))) {
                to = s;
            }
        }
        String reason = ex.form("reason").strip();
        if (to == null) {
            move.error("status", "problem.choose");
        } else if (to == StaffStatus.CANCELLED && reason.isEmpty()) {
            move.error("reason", "registration.status.reason_needed");
        } else if (reason.length() > 500) {
            move.error("reason", "problem.too_long");
        }
        if (!move.valid()) {
            return RegistrationPage.render(ex, 422, detail, stored, move, Form.empty(), null, "");
        }
        int version = (int) RegistrationsPage.number(ex.form("version"));
        Outcome outcome = changes.move(detail.registration().getId(), version, to,
                to == StaffStatus.CANCELLED ? reason : null, staff, ex.now());
        if (outcome instanceof Outcome.Done) {
            AuditLog.append(tx, ex.now(), Actor.of(ex), "registration.status", subject(detail),
                    detail.registration().getStaffStatus().getLiteral() + " → " + to.getLiteral());
            return redirect(detail, "status");
        }
        return refused(ex, tx, detail, outcome, stored, move, Form.empty());
    }

    private Result note(Exchange ex, DSLContext tx, Detail detail, Form stored, StaffChanges changes, Staff staff) {
        String text = ex.form("note").strip();
        Form note = Form.empty().value("note", ex.form("note"));
        if (text.isEmpty()) {
            note.error("note", "problem.required");
        } else if (text.length() > History.MAX_NOTE) {
            note.error("note", "problem.too_long");
        }
        if (!note.valid()) {
            return RegistrationPage.render(ex, 422, detail, stored, Form.empty(), note, null, "");
        }
        changes.note(detail.registration().getId(), text, staff, ex.now());
        // The note's text may name people: the audit log records only that one was written.
        AuditLog.append(tx, ex.now(), Actor.of(ex), "registration.note", subject(detail), null);
        return redirect(detail, "note");
    }

    private static Result refused(Exchange ex, DSLContext tx, Detail detail, Outcome outcome, Form edit, Form move,
            Form note) {
        return switch (outcome) {
            case Outcome.Stale stale -> {
                String who = stale.byEmail() == null ? ex.texts().get("registration.by_person") : stale.byEmail();
                String message = ex.texts().get("registration.stale", "who", who, "at", WHEN.format(stale.at()));
                // The member's typed text stays in the form; the rest of the page shows the registration as it is now.
                yield RegistrationPage.render(ex, 409, RegistrationPage.reload(tx, ex, detail.registration().getId()),
                        edit, move, note, message, "");
            }
            case Outcome.Incomplete incomplete -> RegistrationPage.render(ex, 422, detail, edit, move, note, null, "");
            case Outcome.Gone gone -> RegistrationPage.notFound(ex);
            default -> ex.render(409, "error.jte", "status", 409, "messageKey", "registration.not_allowed");
        };
    }

    private static String subject(Detail detail) {
        return "registration:" + detail.registration().getId();
    }

    private static Result redirect(Detail detail, String done) {
        return Result.redirect("/registrations/" + detail.registration().getId() + "?done=" + done);
    }
}
