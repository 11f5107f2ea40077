package org.homeward.admin.departures;

import org.homeward.admin.web.Action;
import org.homeward.db.Database;

/** The departures' routes, for the route table: the list and a new one, one departure, and staff's changes to it. */
public final class DepartureActions {
    private final Database database;

    public DepartureActions(Database database) {
        this.database = database;
    }

    /** GET /departures: every departure with its seats, and (for staff) the form for a new one. */
    public Action list() {
        return new DeparturesPage(database);
    }

    /** POST /departures: a new departure. */
    public Action create() {
        return new DepartureChange(database, DepartureChange.Kind.CREATE);
    }

    /** GET /departures/{id}: the departure, its passengers and answers, and who waits in urgency order. */
    public Action detail() {
        return new DeparturePage(database);
    }

    /** POST /departures/{id}: a change of the departure; a new time or meeting point is told to its passengers. */
    public Action edit() {
        return new DepartureChange(database, DepartureChange.Kind.EDIT);
    }

    /** POST /departures/{id}/assign: seats for one or several waiting registrations. */
    public Action assign() {
        return new DepartureChange(database, DepartureChange.Kind.ASSIGN);
    }

    /** POST /departures/{id}/fill: the free seats to the waiting, most urgent first, as many as fit. */
    public Action fill() {
        return new DepartureChange(database, DepartureChange.Kind.FILL);
    }

    /** POST /departures/{id}/unassign: a registration off the departure, back to waiting. */
    public Action unassign() {
        return new DepartureChange(database, DepartureChange.Kind.UNASSIGN);
    }

    /** POST /departures/{id}/cancel: the departure cancelled, its passengers told and back to waiting. */
    public Action cancel() {
        return new DepartureChange(database, DepartureChange.Kind.CANCEL);
    }

    /** POST /departures/{id}/departed: the bus has left; confirmed passengers departed, the others wait again. */
    public Action depart() {
        return new DepartureChange(database, DepartureChange.Kind.DEPART);
    }

    /** GET and POST /departures/{id}/manifest: the confirmed passengers for the border, as XLSX or a page to print. */
    public Action manifest() {
        return new ManifestPage(database);
    }
}
