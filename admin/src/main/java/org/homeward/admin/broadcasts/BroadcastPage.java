package org.homeward.admin.broadcasts;

import static org.homeward.db.jooq.Tables.LOCATION;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Names;
import org.homeward.admin.web.Result;
import org.homeward.admin.web.Role;
import org.homeward.core.broadcasts.Broadcasts;
import org.homeward.core.broadcasts.Broadcasts.Broadcast;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.staff.StaffLinks;
import org.homeward.i18n.Language;
import org.jooq.DSLContext;

/** One broadcast: its texts per recipient language and audience, and what can be done in its state. */
final class BroadcastPage {
    /** The zone a scheduled time is typed in unless staff choose another: the departure places'. */
    static final String DEFAULT_ZONE = "Asia/Almaty";
    /** What a redirect after an action may say was done (anything else in the query is ignored). */
    private static final java.util.Set<String> DONE = java.util.Set.of("created", "sent", "scheduled", "awaiting",
            "cancelled", "paused", "resumed", "stopped", "tested");

    private BroadcastPage() {}

    static Result render(Exchange ex, int status, DSLContext dsl, long id, Form form, String refused, String done,
            int threshold, boolean simulator) {
        Broadcasts broadcasts = new Broadcasts(dsl, new Outbox());
        Broadcast b = broadcasts.find(id).orElse(null);
        if (b == null) {
            return notFound(ex);
        }
        var emails = BroadcastsPage.emails(dsl);
        Map<Language, String> perLanguage = new EnumMap<>(Language.class);
        for (Language l : Language.values()) {
            perLanguage.put(l, b.draft().texts().get(b.draft().plan().get(l)));
        }
        List<String> zones = new ArrayList<>(dsl.selectDistinct(LOCATION.TIME_ZONE).from(LOCATION)
                .orderBy(LOCATION.TIME_ZONE).fetch(LOCATION.TIME_ZONE));
        zones.remove(DEFAULT_ZONE);
        zones.addFirst(DEFAULT_ZONE);
        zones.add("UTC");
        boolean staff = ex.session().role() == Role.STAFF;
        BroadcastView view = new BroadcastView(b, emails.getOrDefault(b.authorId(), "#" + b.authorId()),
                b.approverId() == null ? "" : emails.getOrDefault(b.approverId(), "#" + b.approverId()), perLanguage,
                broadcasts.count(b.draft().filter()), describe(ex, dsl, b.draft().filter()), staff,
                b.authorId() == ex.accountId(), new StaffLinks(dsl).chat(ex.accountId()).isPresent(), simulator,
                threshold, zones);
        Form f = form != null ? form : Form.empty().value("when", "now").value("zone", DEFAULT_ZONE);
        return ex.render(status, "broadcast.jte", "v", view, "form", f, "refused", refused == null ? "" : refused,
                "done", done != null && DONE.contains(done) ? done : "");
    }

    /** The progress panel alone, polled by the page while the broadcast is being sent. */
    static Result progress(Exchange ex, DSLContext dsl, long id) {
        Broadcasts broadcasts = new Broadcasts(dsl, new Outbox());
        var b = broadcasts.find(id);
        if (b.isEmpty()) {
            return notFound(ex);
        }
        return ex.render("broadcast_progress.jte", "id", id, "p", broadcasts.progress(id).orElse(null),
                "staff", ex.session().role() == Role.STAFF);
    }

    /** The audience in the member's words: names of places and destinations, statuses, needs, languages. */
    static String describe(Exchange ex, DSLContext dsl, Broadcasts.Filter f) {
        Names names = new Names(dsl, ex.texts().language());
        var t = ex.texts();
        List<String> parts = new ArrayList<>();
        if (!f.places().isEmpty()) {
            parts.add(t.get("broadcast.audience.places") + ": " + String.join(", ", f.places().stream().map(names::place).toList()));
        }
        if (!f.destinations().isEmpty()) {
            parts.add(t.get("broadcast.audience.destinations") + ": "
                    + String.join(", ", f.destinations().stream().map(names::destination).toList()));
        }
        if (!f.statuses().isEmpty()) {
            parts.add(t.get("broadcast.audience.statuses") + ": "
                    + String.join(", ", f.statuses().stream().map(s -> t.get("status." + s.getLiteral())).toList()));
        }
        if (!f.needs().isEmpty()) {
            parts.add(t.get("broadcast.audience.needs") + ": "
                    + String.join(", ", f.needs().stream().map(n -> t.get("need." + n)).toList()));
        }
        if (!f.languages().isEmpty()) {
            parts.add(t.get("broadcast.audience.languages") + ": "
                    + String.join(", ", f.languages().stream().map(l -> t.get("broadcast.language." + l)).toList()));
        }
        if (f.departureId() != null) {
            parts.add(t.get("broadcast.audience.departure") + ": #" + f.departureId());
        }
        if (f.registered() != Broadcasts.Registered.ANY) {
            parts.add(t.get("broadcast.audience.registered." + f.registered().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return parts.isEmpty() ? t.get("broadcast.audience.everyone") : String.join("; ", parts);
    }

    static Result notFound(Exchange exchange) {
        return exchange.render(404, "error.jte", "status", 404, "messageKey", "error.not_found");
    }

    /** A path number, or -1 (found nowhere) when it is not one. */
    static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
