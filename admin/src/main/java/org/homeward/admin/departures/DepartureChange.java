package org.homeward.admin.departures;

import org.homeward.admin.web.Names;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.audit.AuditLog.Actor;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;
import org.homeward.core.departures.StaffDepartures;
import org.homeward.core.departures.StaffDepartures.Assignment;
import org.homeward.core.outbox.Outbox;
import org.homeward.db.Database;
import org.homeward.db.jooq.tables.records.LocationRecord;
import org.homeward.core.places.Places;
import org.homeward.core.registrations.Staff;
import org.jooq.DSLContext;

/**
 * Staff change departures: create, edit, assign, unassign, cancel. Each change, the notices it sends (through the
 * outbox) and its audit entry commit together. The audit log names departures and registrations by number only.
 */
final class DepartureChange implements Action {
    enum Kind { CREATE, EDIT, ASSIGN, FILL, UNASSIGN, CANCEL, DEPART }

    private final Database database;
    private final Kind kind;

    DepartureChange(Database database, Kind kind) {
        this.database = database;
        this.kind = kind;
    }

    @Override
    public Result handle(Exchange exchange) {
        return database.dsl().transactionResult(c -> {
            DSLContext tx = c.dsl();
            StaffDepartures departures = new StaffDepartures(tx, new Outbox());
            if (kind == Kind.CREATE) {
                return create(exchange, tx, departures);
            }
            long id = DeparturePage.number(exchange.param("id"));
            if (departures.find(id).isEmpty()) {
                return DeparturePage.notFound(exchange);
            }
            return switch (kind) {
                case EDIT -> edit(exchange, tx, departures, id);
                case ASSIGN -> assign(exchange, tx, departures, id);
                case FILL -> fill(exchange, tx, departures, id);
                case UNASSIGN -> unassign(exchange, tx, departures, id);
                case CANCEL -> cancel(exchange, tx, departures, id);
                case DEPART -> depart(exchange, tx, departures, id);
                case CREATE -> throw new IllegalStateException();
            };
        });
    }

    private static Result create(Exchange ex, DSLContext tx, StaffDepartures departures) {
        PlanForm.Parsed parsed = PlanForm.parse(ex, new Names(tx, ex.texts().language()));
        if (parsed.plan() != null && inPast(tx, ex, parsed.plan())) {
            parsed.typed().error("date", "departure.problem.past");
        }
        if (!parsed.typed().valid()) {
            return DeparturesPage.render(ex, 422, tx, parsed.typed());
        }
        long id = departures.create(parsed.plan(), ex.now());
        AuditLog.append(tx, ex.now(), Actor.of(ex), "departure.create", subject(id), null);
        return Result.redirect("/departures/" + id + "?done=created");
    }

    private static Result edit(Exchange ex, DSLContext tx, StaffDepartures departures, long id) {
        PlanForm.Parsed parsed = PlanForm.parse(ex, new Names(tx, ex.texts().language()));
        if (!parsed.typed().valid()) {
            return DeparturePage.render(ex, 422, tx, id, parsed.typed(), null, "");
        }
        var before = departures.find(id).orElseThrow();
        if (!PlanForm.version(before).equals(ex.form("version"))) {
            // Someone saved it since this form was shown: nothing is overwritten, the typed text stays.
            return DeparturePage.render(ex, 409, tx, id, parsed.typed(), ex.texts().get("departure.stale"), "");
        }
        switch (departures.edit(id, parsed.plan(), ex.now())) {
            case CLOSED -> {
                return DeparturePage.render(ex, 409, tx, id, parsed.typed(), ex.texts().get("departure.refused.closed"), "");
            }
            case SEATS_TAKEN -> {
                parsed.typed().error("seats", "departure.problem.seats_taken");
                return DeparturePage.render(ex, 422, tx, id, parsed.typed(), null, "");
            }
            case SAVED -> { }
        }
        var after = departures.find(id).orElseThrow();
        List<String> changed = new ArrayList<>();
        if (!before.getDepartsAt().equals(after.getDepartsAt())) {
            changed.add("time");
        }
        if (!java.util.Objects.equals(before.getMeetingPointRu(), after.getMeetingPointRu())
                || !java.util.Objects.equals(before.getMeetingPointTg(), after.getMeetingPointTg())
                || !java.util.Objects.equals(before.getMeetingPointUz(), after.getMeetingPointUz())
                || !java.util.Objects.equals(before.getMeetingLatitude(), after.getMeetingLatitude())
                || !java.util.Objects.equals(before.getMeetingLongitude(), after.getMeetingLongitude())) {
            changed.add("meeting point");
        }
        if (!before.getSeats().equals(after.getSeats())) {
            changed.add("seats");
        }
        AuditLog.append(tx, ex.now(), Actor.of(ex), "departure.edit", subject(id),
                changed.isEmpty() ? "details" : String.join(",", changed));
        return Result.redirect("/departures/" + id + "?done=saved");
    }

    private static Result assign(Exchange ex, DSLContext tx, StaffDepartures departures, long id) {
        List<Long> ids = new ArrayList<>();
        for (String v : ex.formValues("r")) {
            long n = DeparturePage.number(v);
            if (n > 0) {
                ids.add(n);
            }
        }
        if (ids.isEmpty()) {
            return DeparturePage.render(ex, 422, tx, id, null, ex.texts().get("departure.refused.none"), "");
        }
        Assignment outcome = departures.assign(id, ids, ex.now());
        String refused = refusal(ex, outcome);
        if (refused != null) {
            return DeparturePage.render(ex, 409, tx, id, null, refused, "");
        }
        AuditLog.append(tx, ex.now(), Actor.of(ex), "departure.assign", subject(id),
                "registrations " + String.join(",", ids.stream().map(String::valueOf).toList()));
        return Result.redirect("/departures/" + id + "?done=assigned");
    }

    /** Fills the free seats from the waiting list, or from the part of it the page's filter showed. */
    private static Result fill(Exchange ex, DSLContext tx, StaffDepartures departures, long id) {
        var place = new Places(tx).location(departures.find(id).orElseThrow().getLocationId()).orElseThrow();
        WaitingFilter.Parsed filter = WaitingFilter.parse(ex::form, ZoneId.of(place.getTimeZone()));
        if (!filter.typed().valid()) {
            return DeparturePage.render(ex, 422, tx, id, null, null, "", filter);
        }
        StaffDepartures.Filled filled = departures.fill(id, filter.filter(), ex.now());
        String refused = refusal(ex, filled.assignment());
        if (refused != null) {
            return DeparturePage.render(ex, 409, tx, id, null, refused, "", filter);
        }
        Assignment.Done done = (Assignment.Done) filled.assignment();
        AuditLog.append(tx, ex.now(), Actor.of(ex), "departure.fill", subject(id),
                done.registrations() + " registrations, " + done.travellers() + " travellers"
                        + (filter.active() ? ", by filter, " + filled.leftOver() + " matching left without a seat" : ""));
        if (done.registrations() == 0) {
            return Result.redirect("/departures/" + id + "?done=nobody_fits");
        }
        return Result.redirect("/departures/" + id + "?done=filled&n=" + done.registrations() + "&people="
                + done.travellers() + "&left=" + filled.leftOver());
    }

    /** Marks the departure gone, once staff ticked that the bus has left. */
    private static Result depart(Exchange ex, DSLContext tx, StaffDepartures departures, long id) {
        if (!"yes".equals(ex.form("confirm"))) {
            return DeparturePage.render(ex, 422, tx, id, null, ex.texts().get("departure.refused.depart_confirm"), "");
        }
        var outcome = departures.depart(id, new Staff(ex.accountId(), ex.session().email()), ex.now());
        return switch (outcome) {
            case StaffDepartures.Departure.Done d -> {
                AuditLog.append(tx, ex.now(), Actor.of(ex), "departure.depart", subject(id),
                        d.departed() + " registrations departed, " + d.returned() + " back to waiting");
                yield Result.redirect("/departures/" + id + "?done=departed&n=" + d.departed() + "&people="
                        + d.travellers() + "&returned=" + d.returned());
            }
            case StaffDepartures.Departure.TooEarly early -> {
                var place = new Places(tx).location(departures.find(id).orElseThrow().getLocationId()).orElseThrow();
                String from = early.from().atZone(ZoneId.of(place.getTimeZone()))
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
                yield DeparturePage.render(ex, 409, tx, id, null,
                        ex.texts().get("departure.refused.too_early", "from", from), "");
            }
            case StaffDepartures.Departure.Closed closed ->
                    DeparturePage.render(ex, 409, tx, id, null, ex.texts().get("departure.refused.closed"), "");
            case StaffDepartures.Departure.Gone gone -> DeparturePage.notFound(ex);
        };
    }

    /** The text of a refused assignment, or null when it was done. */
    private static String refusal(Exchange ex, Assignment outcome) {
        return switch (outcome) {
            case Assignment.Done done -> null;
            case Assignment.NoSeats n -> ex.texts().get("departure.refused.seats", "needed", n.needed(), "free", n.free());
            case Assignment.NotWaiting n -> ex.texts().get("departure.refused.not_waiting",
                    "code", n.code() == null ? "#" + n.registrationId() : n.code());
            case Assignment.Closed closed -> ex.texts().get("departure.refused.closed");
            case Assignment.Gone gone -> ex.texts().get("error.not_found");
        };
    }

    private static Result unassign(Exchange ex, DSLContext tx, StaffDepartures departures, long id) {
        long registration = DeparturePage.number(ex.form("r"));
        if (!departures.unassign(id, registration, ex.now())) {
            return DeparturePage.render(ex, 409, tx, id, null, ex.texts().get("departure.refused.not_on_it"), "");
        }
        AuditLog.append(tx, ex.now(), Actor.of(ex), "departure.unassign", subject(id), "registration " + registration);
        return Result.redirect("/departures/" + id + "?done=unassigned");
    }

    private static Result cancel(Exchange ex, DSLContext tx, StaffDepartures departures, long id) {
        int returned = departures.cancel(id, ex.now());
        if (returned < 0) {
            return DeparturePage.render(ex, 409, tx, id, null, ex.texts().get("departure.refused.closed"), "");
        }
        AuditLog.append(tx, ex.now(), Actor.of(ex), "departure.cancel", subject(id), returned + " registrations back to waiting");
        return Result.redirect("/departures/" + id + "?done=cancelled");
    }

    private static boolean inPast(DSLContext tx, Exchange ex, StaffDepartures.Plan plan) {
        LocationRecord place = new Places(tx).location(plan.locationId()).orElseThrow();
        return plan.localTime().atZone(ZoneId.of(place.getTimeZone())).toInstant().isBefore(ex.now());
    }

    private static String subject(long id) {
        return "departure:" + id;
    }
}
