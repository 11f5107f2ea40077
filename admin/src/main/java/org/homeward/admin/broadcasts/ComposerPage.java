package org.homeward.admin.broadcasts;

import static org.homeward.db.jooq.Tables.DEPARTURE;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.admin.web.Names;
import org.homeward.admin.web.Result;
import org.homeward.core.broadcasts.Broadcasts;
import org.homeward.core.outbox.Outbox;
import org.homeward.db.enums.DepartureStatus;
import org.jooq.DSLContext;

/** The composer: three texts with a live preview, the language plan, the audience filter with a live count. */
final class ComposerPage {
    private ComposerPage() {}

    static Result render(Exchange ex, int status, DSLContext dsl, Form form) {
        int count = new Broadcasts(dsl, new Outbox()).count(ComposeForm.filterOnly(ex));
        return ex.render(status, "broadcast_new.jte", "form", form, "names", new Names(dsl, ex.texts().language()),
                "departures", departures(dsl, ex), "count", count);
    }

    /** Open departures, id to "place, local time", for the audience filter. */
    static Map<Long, String> departures(DSLContext dsl, Exchange ex) {
        Names names = new Names(dsl, ex.texts().language());
        Map<Long, String> out = new LinkedHashMap<>();
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        dsl.select(DEPARTURE.ID, DEPARTURE.LOCATION_ID, DEPARTURE.DEPARTS_AT, org.homeward.db.jooq.Tables.LOCATION.TIME_ZONE)
                .from(DEPARTURE).join(org.homeward.db.jooq.Tables.LOCATION)
                .on(org.homeward.db.jooq.Tables.LOCATION.ID.eq(DEPARTURE.LOCATION_ID))
                .where(DEPARTURE.STATUS.in(DepartureStatus.PLANNED, DepartureStatus.BOARDING))
                .orderBy(DEPARTURE.DEPARTS_AT).limit(200)
                .forEach(r -> out.put(r.value1(), "#" + r.value1() + " " + names.place(r.value2()) + ", "
                        + r.value3().atZone(ZoneId.of(r.value4())).format(f)));
        return out;
    }
}
