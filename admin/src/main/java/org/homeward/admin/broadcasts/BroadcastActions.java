package org.homeward.admin.broadcasts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.web.Action;
import org.homeward.core.broadcasts.Broadcasts;
import org.homeward.core.outbox.Outbox;
import org.homeward.db.Database;

/**
 * The broadcasts' routes, for the route table: the list, the composer and its live preview and count, one
 * broadcast (review, approval, progress) and staff's actions on it; and the scheduled-broadcasts job.
 */
public final class BroadcastActions {
    private final Database database;
    private final int approvalAbove;
    private final boolean simulator;

    /** Broadcasts above {@code approvalAbove} people need a second member; {@code simulator} allows simulated tests. */
    public BroadcastActions(Database database, int approvalAbove, boolean simulator) {
        this.database = database;
        this.approvalAbove = approvalAbove;
        this.simulator = simulator;
    }

    /** GET /broadcasts: every broadcast, newest first. */
    public Action list() {
        return new BroadcastsPage(database);
    }

    /** GET /broadcasts/new: the composer. */
    public Action composer() {
        return ex -> ComposerPage.render(ex, 200, database.dsl(),
                org.homeward.admin.web.Form.empty().value("registered", "any"));
    }

    /** POST /broadcasts/new/preview: the composer's live preview and audience count (htmx), changing nothing. */
    public Action preview() {
        return new PreviewFragment(database);
    }

    /** POST /broadcasts: a new draft from the composer. */
    public Action create() {
        return new BroadcastChange(database, BroadcastChange.Kind.CREATE, approvalAbove, simulator);
    }

    /** GET /broadcasts/{id}: review, approval or progress, by its state. */
    public Action detail() {
        return ex -> BroadcastPage.render(ex, 200, database.dsl(), BroadcastPage.number(ex.param("id")), null, null,
                ex.query("done"), approvalAbove, simulator);
    }

    /** GET /broadcasts/{id}/progress: the progress panel (htmx polls it). */
    public Action progress() {
        return ex -> BroadcastPage.progress(ex, database.dsl(), BroadcastPage.number(ex.param("id")));
    }

    /** POST /broadcasts/{id}/send: send now or at a time (through approval when large). */
    public Action send() {
        return new BroadcastChange(database, BroadcastChange.Kind.SEND, approvalAbove, simulator);
    }

    /** POST /broadcasts/{id}/approve: a second member approves. */
    public Action approve() {
        return new BroadcastChange(database, BroadcastChange.Kind.APPROVE, approvalAbove, simulator);
    }

    /** POST /broadcasts/{id}/cancel: cancel before it is sent. */
    public Action cancel() {
        return new BroadcastChange(database, BroadcastChange.Kind.CANCEL, approvalAbove, simulator);
    }

    /** POST /broadcasts/{id}/pause. */
    public Action pause() {
        return new BroadcastChange(database, BroadcastChange.Kind.PAUSE, approvalAbove, simulator);
    }

    /** POST /broadcasts/{id}/resume. */
    public Action resume() {
        return new BroadcastChange(database, BroadcastChange.Kind.RESUME, approvalAbove, simulator);
    }

    /** POST /broadcasts/{id}/stop: what is not yet sent is not sent. */
    public Action stop() {
        return new BroadcastChange(database, BroadcastChange.Kind.STOP, approvalAbove, simulator);
    }

    /** POST /broadcasts/{id}/test: a test to the member's own Telegram or (simulator) a simulated person. */
    public Action test() {
        return new BroadcastChange(database, BroadcastChange.Kind.TEST, approvalAbove, simulator);
    }

    /**
     * The body of the {@code broadcasts-due} job: sends scheduled broadcasts whose time has come, marks missed those
     * more than {@code missedAfter} late, each audited, in one transaction (idempotent: claimed rows change state).
     */
    public static Runnable dueJob(Database database, Clock clock, Duration missedAfter) {
        return dueJob(database, clock, missedAfter, Integer.MAX_VALUE);
    }

    /** As {@link #dueJob(Database, Clock, Duration)}, holding for approval one whose audience grew above the threshold. */
    public static Runnable dueJob(Database database, Clock clock, Duration missedAfter, int approvalAbove) {
        AuditLog.Actor homeward = new AuditLog.Actor(null, "homeward", null);
        return () -> database.dsl().transaction(c -> {
            Instant now = clock.instant();
            Broadcasts broadcasts = new Broadcasts(c.dsl(), new Outbox());
            Broadcasts.Due due = broadcasts.runDue(now, missedAfter, approvalAbove);
            for (long id : due.sent()) {
                var b = broadcasts.find(id).orElseThrow();
                AuditLog.append(c.dsl(), now, homeward, "broadcast.sent", "broadcast:" + id,
                        "scheduled; " + b.recipients() + " recipients; " + ComposeForm.describe(b.draft().filter()));
            }
            for (long id : due.held()) {
                var b = broadcasts.find(id).orElseThrow();
                AuditLog.append(c.dsl(), now, homeward, "broadcast.held", "broadcast:" + id,
                        "due, but " + b.recipients() + " recipients now, above " + approvalAbove + ": waits for approval");
            }
            for (long id : due.missed()) {
                AuditLog.append(c.dsl(), now, homeward, "broadcast.missed", "broadcast:" + id,
                        "its time passed more than " + missedAfter + " ago while Homeward was down");
            }
        });
    }
}
