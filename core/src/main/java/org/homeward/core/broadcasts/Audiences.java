package org.homeward.core.broadcasts;

import static org.homeward.db.jooq.Tables.DEPARTURE_ASSIGNMENT;
import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.homeward.core.broadcasts.Broadcasts.Filter;
import org.homeward.core.broadcasts.Broadcasts.Registered;
import org.homeward.db.enums.RegistrationStatus;
import org.homeward.db.enums.StaffStatus;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** A broadcast's audience filter as a condition on {@code telegram_user}, and as the JSON it is stored in. */
final class Audiences {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Audiences() {}

    /**
     * The people a filter selects. The registration criteria (place, destination, status, needs, departure) must
     * all hold for one and the same registration of the person; with none of them, and "registered" any, it is
     * everyone who ever wrote to the bot.
     */
    static Condition condition(Filter f) {
        List<Condition> conditions = new ArrayList<>();
        if (!f.languages().isEmpty()) {
            List<String> codes = f.languages().stream().filter(l -> !l.equals(Filter.NO_LANGUAGE)).toList();
            Condition language = codes.isEmpty() ? DSL.falseCondition() : TELEGRAM_USER.LANGUAGE.in(codes);
            if (f.languages().contains(Filter.NO_LANGUAGE)) {
                language = language.or(TELEGRAM_USER.LANGUAGE.isNull());
            }
            conditions.add(language);
        }
        List<Condition> registration = new ArrayList<>();
        if (!f.places().isEmpty()) {
            registration.add(REGISTRATION.LOCATION_ID.in(f.places()));
        }
        if (!f.destinations().isEmpty()) {
            registration.add(REGISTRATION.DESTINATION_ID.in(f.destinations()));
        }
        if (!f.needs().isEmpty()) {
            // Any of the needs chosen: && is "overlaps".
            registration.add(DSL.condition("{0} && {1}::text[]", REGISTRATION.NEEDS,
                    DSL.val(f.needs().toArray(String[]::new))));
        }
        if (f.departureId() != null) {
            registration.add(DSL.exists(DSL.selectOne().from(DEPARTURE_ASSIGNMENT)
                    .where(DEPARTURE_ASSIGNMENT.REGISTRATION_ID.eq(REGISTRATION.ID))
                    .and(DEPARTURE_ASSIGNMENT.DEPARTURE_ID.eq(f.departureId()))));
        }
        if (!f.statuses().isEmpty()) {
            registration.add(REGISTRATION.STAFF_STATUS.in(f.statuses()));
            // A draft is not a registration yet; a cancelled one counts only when that status is asked for.
            registration.add(REGISTRATION.STATUS.ne(RegistrationStatus.DRAFT));
        } else if (!registration.isEmpty()) {
            registration.add(live());
        }
        if (!registration.isEmpty()) {
            conditions.add(DSL.exists(DSL.selectOne().from(REGISTRATION)
                    .where(REGISTRATION.CHAT_ID.eq(TELEGRAM_USER.CHAT_ID)).and(DSL.and(registration))));
        }
        Condition anyLive = DSL.exists(DSL.selectOne().from(REGISTRATION)
                .where(REGISTRATION.CHAT_ID.eq(TELEGRAM_USER.CHAT_ID)).and(live()));
        switch (f.registered()) {
            case YES -> conditions.add(anyLive);
            case NO -> conditions.add(DSL.not(anyLive));
            case ANY -> { }
        }
        return DSL.and(conditions);
    }

    /** Confirmed by the person and not cancelled by staff. */
    private static Condition live() {
        return REGISTRATION.STATUS.eq(RegistrationStatus.CONFIRMED).and(REGISTRATION.STAFF_STATUS.ne(StaffStatus.CANCELLED));
    }

    static String json(Filter f) {
        ObjectNode node = JSON.createObjectNode();
        f.places().forEach(node.putArray("places")::add);
        f.destinations().forEach(node.putArray("destinations")::add);
        ArrayNode statuses = node.putArray("statuses");
        f.statuses().forEach(s -> statuses.add(s.getLiteral()));
        f.needs().forEach(node.putArray("needs")::add);
        f.languages().forEach(node.putArray("languages")::add);
        if (f.departureId() != null) {
            node.put("departure", f.departureId());
        }
        node.put("registered", f.registered().name().toLowerCase(java.util.Locale.ROOT));
        return node.toString();
    }

    static Filter filter(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored audience JSON is unreadable", e);
        }
        List<Integer> places = new ArrayList<>();
        node.path("places").forEach(n -> places.add(n.asInt()));
        List<Integer> destinations = new ArrayList<>();
        node.path("destinations").forEach(n -> destinations.add(n.asInt()));
        List<StaffStatus> statuses = new ArrayList<>();
        node.path("statuses").forEach(n -> {
            for (StaffStatus s : StaffStatus.values()) {
                if (s.getLiteral().equals(n.asText())) {
                    statuses.add(s);
                }
            }
        });
        List<String> needs = new ArrayList<>();
        node.path("needs").forEach(n -> needs.add(n.asText()));
        List<String> languages = new ArrayList<>();
        node.path("languages").forEach(n -> languages.add(n.asText()));
        Long departure = node.hasNonNull("departure") ? node.get("departure").asLong() : null;
        Registered registered = Registered.valueOf(node.path("registered").asText("any").toUpperCase(java.util.Locale.ROOT));
        return new Filter(places, destinations, statuses, needs, languages, departure, registered);
    }
}
