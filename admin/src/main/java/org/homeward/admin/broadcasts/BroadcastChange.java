package org.homeward.admin.broadcasts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.homeward.admin.audit.AuditLog;
import org.homeward.admin.audit.AuditLog.Actor;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Result;
import org.homeward.core.broadcasts.Broadcasts;
import org.homeward.core.broadcasts.Broadcasts.Broadcast;
import org.homeward.core.broadcasts.Broadcasts.Outcome;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.staff.StaffLinks;
import org.homeward.db.Database;
import org.jooq.DSLContext;

/**
 * Staff's actions on broadcasts: create a draft, send (now, at a time, or for approval), approve, cancel, pause,
 * resume, stop, test. Each change, the outbox rows it makes and its audit entry commit together. The audit log
 * names the broadcast by number, the audience by filter and the number of recipients, never a recipient.
 */
final class BroadcastChange implements Action {
    enum Kind { CREATE, SEND, APPROVE, CANCEL, PAUSE, RESUME, STOP, TEST }

    private final Database database;
    private final Kind kind;
    private final int approvalAbove;
    private final boolean simulator;

    BroadcastChange(Database database, Kind kind, int approvalAbove, boolean simulator) {
        this.database = database;
        this.kind = kind;
        this.approvalAbove = approvalAbove;
        this.simulator = simulator;
    }

    @Override
    public Result handle(Exchange ex) {
        return database.dsl().transactionResult(c -> {
            DSLContext tx = c.dsl();
            Broadcasts broadcasts = new Broadcasts(tx, new Outbox());
            if (kind == Kind.CREATE) {
                return create(ex, tx, broadcasts);
            }
            long id = BroadcastPage.number(ex.param("id"));
            Broadcast b = broadcasts.find(id).orElse(null);
            if (b == null) {
                return BroadcastPage.notFound(ex);
            }
            return switch (kind) {
                case SEND -> send(ex, tx, broadcasts, b);
                case APPROVE -> outcome(ex, tx, b, "broadcast.approve",
                        broadcasts.approve(id, version(ex), ex.accountId(), ex.now()), null);
                case CANCEL -> outcome(ex, tx, b, "broadcast.cancel", broadcasts.cancel(id, version(ex), ex.now()), null);
                case PAUSE -> control(ex, tx, b, "broadcast.pause", broadcasts.pause(id), "paused", "");
                case RESUME -> control(ex, tx, b, "broadcast.resume", broadcasts.resume(id), "resumed", "");
                case STOP -> {
                    boolean running = b.messageId() != null && !stoppedNow(broadcasts, id);
                    int skipped = running ? broadcasts.stop(id) : 0;
                    yield control(ex, tx, b, "broadcast.stop", running, "stopped", skipped + " recipients not sent");
                }
                case TEST -> test(ex, tx, broadcasts, b);
                case CREATE -> throw new IllegalStateException();
            };
        });
    }

    private static boolean stoppedNow(Broadcasts broadcasts, long id) {
        return broadcasts.progress(id).map(Broadcasts.Progress::stopped).orElse(false);
    }

    private Result create(Exchange ex, DSLContext tx, Broadcasts broadcasts) {
        var parsed = ComposeForm.parse(ex);
        if (parsed.draft() == null) {
            return ComposerPage.render(ex, 422, tx, parsed.typed());
        }
        long id = broadcasts.create(parsed.draft(), ex.accountId(), ex.now());
        AuditLog.append(tx, ex.now(), Actor.of(ex), "broadcast.create", subject(id),
                "texts " + parsed.draft().texts().keySet().stream().map(l -> l.code()).sorted().toList()
                        + "; audience " + ComposeForm.describe(parsed.draft().filter()));
        return Result.redirect("/broadcasts/" + id + "?done=created");
    }

    private Result send(Exchange ex, DSLContext tx, Broadcasts broadcasts, Broadcast b) {
        Form typed = Form.empty();
        String when = ex.form("when");
        typed.value("when", when).value("date", ex.form("date")).value("time", ex.form("time")).value("zone", ex.form("zone"));
        Instant at = null;
        ZoneId zone = null;
        if (when.equals("later")) {
            zone = BroadcastPage.zone(ex.form("zone"));
            if (zone == null) {
                typed.error("zone", "broadcast.problem.zone");
            }
            try {
                LocalDate date = LocalDate.parse(ex.form("date").strip());
                LocalTime time = LocalTime.parse(ex.form("time").strip());
                if (zone != null) {
                    at = date.atTime(time).atZone(zone).toInstant();
                    if (!at.isAfter(ex.now())) {
                        typed.error("date", "broadcast.problem.past");
                    }
                }
            } catch (DateTimeParseException e) {
                typed.error("date", "broadcast.problem.when");
            }
            if (!typed.valid()) {
                return BroadcastPage.render(ex, 422, tx, b.id(), typed, null, "", approvalAbove, simulator);
            }
        }
        Outcome outcome = broadcasts.request(b.id(), version(ex), at, zone, approvalAbove, ex.now());
        return outcome(ex, tx, b, "broadcast.send", outcome, typed);
    }

    private Result outcome(Exchange ex, DSLContext tx, Broadcast b, String action, Outcome outcome, Form typed) {
        String audience = "audience " + ComposeForm.describe(b.draft().filter());
        String done;
        switch (outcome) {
            case Outcome.Sent s -> {
                AuditLog.append(tx, ex.now(), Actor.of(ex), action, subject(b.id()), "sent now; " + s.recipients()
                        + " recipients; " + audience);
                done = "sent";
            }
            case Outcome.Scheduled s -> {
                var scheduled = new Broadcasts(tx, new Outbox()).find(b.id()).orElseThrow().scheduledAt();
                AuditLog.append(tx, ex.now(), Actor.of(ex), action, subject(b.id()), "scheduled for " + scheduled + "; "
                        + s.recipients() + " recipients now; " + audience);
                done = "scheduled";
            }
            case Outcome.NeedsApproval n -> {
                AuditLog.append(tx, ex.now(), Actor.of(ex), action, subject(b.id()), "awaiting approval; "
                        + n.recipients() + " recipients (above " + n.threshold() + "); " + audience);
                done = "awaiting";
            }
            case Outcome.Cancelled c -> {
                AuditLog.append(tx, ex.now(), Actor.of(ex), action, subject(b.id()), "before sending; " + audience);
                done = "cancelled";
            }
            case Outcome.Stale s -> {
                // Someone acted on it since this page was shown: nothing is done, the typed schedule stays.
                return BroadcastPage.render(ex, 409, tx, b.id(), typed, ex.texts().get("broadcast.stale"), "",
                        approvalAbove, simulator);
            }
            case Outcome.Refused r -> {
                return BroadcastPage.render(ex, 409, tx, b.id(), typed, ex.texts().get("broadcast.refused." + r.why()), "",
                        approvalAbove, simulator);
            }
        }
        return Result.redirect("/broadcasts/" + b.id() + "?done=" + done);
    }

    private Result control(Exchange ex, DSLContext tx, Broadcast b, String action, boolean changed, String done,
            String detail) {
        if (!changed) {
            return BroadcastPage.render(ex, 409, tx, b.id(), null, ex.texts().get("broadcast.refused.state"), "",
                    approvalAbove, simulator);
        }
        var p = new Broadcasts(tx, new Outbox()).progress(b.id());
        AuditLog.append(tx, ex.now(), Actor.of(ex), action, subject(b.id()),
                (detail.isEmpty() ? "" : detail + "; ") + p.map(x -> x.sent() + " sent of " + x.total()).orElse(""));
        return Result.redirect("/broadcasts/" + b.id() + "?done=" + done);
    }

    private Result test(Exchange ex, DSLContext tx, Broadcasts broadcasts, Broadcast b) {
        Form typed = Form.empty().value("chat", ex.form("chat"));
        Long chat = null;
        String to;
        if (ex.form("target").equals("chat")) {
            to = "simulated person";
            if (!simulator) {
                return BroadcastPage.render(ex, 403, tx, b.id(), null, ex.texts().get("broadcast.test.simulator_only"), "",
                        approvalAbove, simulator);
            }
            try {
                chat = Long.parseLong(ex.form("chat").strip());
            } catch (NumberFormatException e) {
                typed.error("chat", "broadcast.problem.chat");
            }
        } else {
            to = "own Telegram";
            chat = new StaffLinks(tx).chat(ex.accountId()).orElse(null);
            if (chat == null) {
                return BroadcastPage.render(ex, 422, tx, b.id(), null, ex.texts().get("broadcast.test.not_linked"), "",
                        approvalAbove, simulator);
            }
        }
        if (chat != null && !broadcasts.test(b.id(), chat)) {
            typed.error("chat", "broadcast.problem.chat");
        }
        if (!typed.valid()) {
            return BroadcastPage.render(ex, 422, tx, b.id(), typed.value("when", "now"), null, "", approvalAbove, simulator);
        }
        AuditLog.append(tx, ex.now(), Actor.of(ex), "broadcast.test", subject(b.id()), "to " + to);
        return Result.redirect("/broadcasts/" + b.id() + "?done=tested");
    }

    private static int version(Exchange ex) {
        try {
            return Integer.parseInt(ex.form("version"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String subject(long id) {
        return "broadcast:" + id;
    }
}
