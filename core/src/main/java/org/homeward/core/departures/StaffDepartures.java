package org.homeward.core.departures;

import static org.homeward.db.jooq.Tables.DEPARTURE;
import static org.homeward.db.jooq.Tables.DEPARTURE_ASSIGNMENT;
import static org.homeward.db.jooq.Tables.DEPARTURE_DESTINATION;
import static org.homeward.db.jooq.Tables.LOCATION;
import static org.homeward.db.jooq.Tables.REGISTRATION;
import static org.homeward.db.jooq.Tables.REGISTRATION_EVENT;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;
import static org.homeward.db.jooq.Tables.TRAVELLER;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.homeward.core.outbox.Audience;
import org.homeward.core.outbox.OutgoingMessage;
import org.homeward.core.outbox.OutgoingMessage.Button;
import org.homeward.core.outbox.OutgoingMessage.Text;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.registrations.Staff;
import org.homeward.db.enums.DepartureAnswer;
import org.homeward.db.enums.DepartureStatus;
import org.homeward.db.enums.RegistrationStatus;
import org.homeward.db.enums.StaffStatus;
import org.homeward.db.jooq.tables.records.DepartureRecord;
import org.homeward.db.jooq.tables.records.LocationRecord;
import org.homeward.i18n.Language;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Departures as staff run them: plan and change a bus, give its seats to the most urgent waiting registrations,
 * see who is coming, cancel it. Every assignment, change of time or meeting point, and cancellation tells the
 * people concerned through the outbox in the caller's transaction, so a notice goes out exactly when the change
 * commits. Works on the caller's transaction.
 */
public final class StaffDepartures {
    /** Needs in order of urgency, most urgent first (issue 13): a registration ranks by its most urgent need. */
    public static final List<String> URGENCY = List.of("unaccompanied_child", "pregnancy", "illness", "elderly",
            "disability", "no_food_water", "no_shelter");
    /** The longest meeting point or "what to bring" text (the table's check). */
    public static final int MAX_TEXT = 1000;

    private static final Field<Integer> TRAVELLERS = DSL.field(DSL.selectCount().from(TRAVELLER)
            .where(TRAVELLER.REGISTRATION_ID.eq(REGISTRATION.ID))).as("travellers");
    /** The rank of a registration's most urgent need; registrations without any rank last. */
    private static final Field<Integer> URGENCY_RANK = DSL.field(
            "(select min(array_position({0}, n)) from unnest({1}) n)", Integer.class,
            DSL.val(URGENCY.toArray(String[]::new)), REGISTRATION.NEEDS).as("urgency");
    private static final Field<Instant> WAITING_SINCE =
            DSL.coalesce(REGISTRATION.CONFIRMED_AT, REGISTRATION.CREATED_AT).as("waiting_since");
    private static final Field<String> NAME = DSL.field(DSL.select(TRAVELLER.FULL_NAME).from(TRAVELLER)
            .where(TRAVELLER.REGISTRATION_ID.eq(REGISTRATION.ID), TRAVELLER.POSITION.eq(0))).as("name");

    private final DSLContext tx;
    private final Outbox outbox;

    /** Departures read and written in {@code tx}, notices enqueued on {@code outbox}. */
    public StaffDepartures(DSLContext tx, Outbox outbox) {
        this.tx = tx;
        this.outbox = outbox;
    }

    /**
     * What staff fill in for a departure. The time is local to the departure point; the pin is optional (both or
     * neither); "what to bring" is optional.
     */
    public record Plan(int locationId, List<Integer> destinationIds, LocalDateTime localTime, String meetingTg,
                       String meetingRu, String meetingUz, Double latitude, Double longitude, int seats,
                       String bringTg, String bringRu, String bringUz) {
        /** Copies the destinations. */
        public Plan {
            destinationIds = List.copyOf(new LinkedHashSet<>(destinationIds == null ? List.of() : destinationIds));
            Objects.requireNonNull(localTime, "localTime");
        }
    }

    /** A departure with how its seats are used. */
    public record Summary(DepartureRecord departure, LocationRecord place, int seatsUsed, int confirmed,
                          int cannotCome) {
        /** Seats nobody has yet. */
        public int seatsFree() {
            return departure.getSeats() - seatsUsed;
        }

        /** The departure time in the departure point's zone. */
        public ZonedDateTime localTime() {
            return departure.getDepartsAt().atZone(ZoneId.of(place.getTimeZone()));
        }
    }

    /** A registration waiting for a seat, in urgency order. */
    public record Waiting(long registrationId, String code, String name, int travellers, List<String> needs,
                          Instant waitingSince) {}

    /** A registration on a departure and the person's answer (null: not answered yet). */
    public record Passenger(long registrationId, String code, String name, int travellers, List<String> needs,
                            DepartureAnswer answer, Instant answeredAt) {}

    /** What became of an assignment. */
    public sealed interface Assignment {
        /** Assigned; the people were told. */
        record Done(int registrations, int travellers) implements Assignment {}

        /** Not enough free seats: {@code needed} travellers for {@code free} seats; nobody was assigned. */
        record NoSeats(int needed, int free) implements Assignment {}

        /** A registration is not waiting (already on a bus, cancelled, departed, from another place); nobody was assigned. */
        record NotWaiting(long registrationId, String code) implements Assignment {}

        /** The departure is cancelled or gone: it takes nobody. */
        record Closed(DepartureStatus status) implements Assignment {}

        /** No such departure. */
        record Gone() implements Assignment {}
    }

    /** Creates a planned departure. */
    public long create(Plan plan, Instant now) {
        LocationRecord place = place(plan.locationId());
        DepartureRecord d = tx.newRecord(DEPARTURE);
        apply(d, plan, place);
        d.setCreatedAt(now);
        d.setUpdatedAt(now);
        Reminders.arm(d, now);
        d.store();
        destinations(d.getId(), plan.destinationIds());
        return d.getId();
    }

    /** What became of an edit. */
    public enum Edited {
        /** Saved; the passengers were told when the time or the meeting point changed. */
        SAVED,
        /** No such departure, or it is cancelled or gone: nothing changed. */
        CLOSED,
        /** Fewer seats than travellers already assigned: nothing changed (take people off first). */
        SEATS_TAKEN
    }

    /**
     * Changes a departure. When its time or meeting point (text or pin) changed, every assigned person is told
     * again and asked again whether they are coming (their earlier answer is cleared). The seats never go below
     * the travellers already on it.
     */
    public Edited edit(long departureId, Plan plan, Instant now) {
        DepartureRecord d = lock(departureId).orElse(null);
        if (d == null || !Departures.open(d)) {
            return Edited.CLOSED;
        }
        if (plan.seats() < summary(d).seatsUsed()) {
            return Edited.SEATS_TAKEN;
        }
        LocationRecord place = place(plan.locationId());
        Instant before = d.getDepartsAt();
        List<Object> meetingBefore = meeting(d);
        apply(d, plan, place);
        d.setUpdatedAt(now);
        if (!before.equals(d.getDepartsAt())) {
            // Reminders count from the new time; one whose moment has already passed is not sent late.
            Reminders.arm(d, now);
        }
        d.store();
        tx.deleteFrom(DEPARTURE_DESTINATION).where(DEPARTURE_DESTINATION.DEPARTURE_ID.eq(departureId)).execute();
        destinations(departureId, plan.destinationIds());
        if (!before.equals(d.getDepartsAt()) || !meetingBefore.equals(meeting(d))) {
            List<Long> ids = assignedIds(departureId);
            // A time or place they agreed to has changed: ask again. Who said they cannot come stays so (their seat
            // stays shown as free to give, and no reminder goes to them) until they press ✅ on the new notice.
            tx.update(DEPARTURE_ASSIGNMENT).setNull(DEPARTURE_ASSIGNMENT.ANSWER).setNull(DEPARTURE_ASSIGNMENT.ANSWERED_AT)
                    .where(DEPARTURE_ASSIGNMENT.DEPARTURE_ID.eq(departureId))
                    .and(DEPARTURE_ASSIGNMENT.ANSWER.eq(DepartureAnswer.CONFIRMED)).execute();
            notice(d, place, ids, "dep.notice.changed", "departure_change", true, true);
        }
        return Edited.SAVED;
    }

    /** A departure as stored, if any. */
    public Optional<DepartureRecord> find(long departureId) {
        return tx.selectFrom(DEPARTURE).where(DEPARTURE.ID.eq(departureId)).fetchOptional();
    }

    /** The destination ids of a departure. */
    public List<Integer> destinationIds(long departureId) {
        return tx.select(DEPARTURE_DESTINATION.DESTINATION_ID).from(DEPARTURE_DESTINATION)
                .where(DEPARTURE_DESTINATION.DEPARTURE_ID.eq(departureId)).fetch(DEPARTURE_DESTINATION.DESTINATION_ID);
    }

    /** Every departure, the next first and then the past ones newest first, at most {@code limit}. */
    public List<Summary> list(Instant now, int limit) {
        List<DepartureRecord> rows = tx.selectFrom(DEPARTURE)
                .orderBy(DSL.when(DEPARTURE.DEPARTS_AT.ge(now), 0).otherwise(1),
                        DSL.when(DEPARTURE.DEPARTS_AT.ge(now), DSL.epoch(DEPARTURE.DEPARTS_AT))
                                .otherwise(DSL.epoch(DEPARTURE.DEPARTS_AT).neg()),
                        DEPARTURE.ID)
                .limit(limit).fetch();
        List<Summary> out = new ArrayList<>();
        for (DepartureRecord d : rows) {
            out.add(summary(d));
        }
        return out;
    }

    /** One departure with its seats, if any. */
    public Optional<Summary> summary(long departureId) {
        return find(departureId).map(this::summary);
    }

    private Summary summary(DepartureRecord d) {
        var counts = tx.select(
                        DSL.coalesce(DSL.sum(DSL.field(DSL.selectCount().from(TRAVELLER)
                                .where(TRAVELLER.REGISTRATION_ID.eq(DEPARTURE_ASSIGNMENT.REGISTRATION_ID)))).cast(Integer.class), 0),
                        DSL.count().filterWhere(DEPARTURE_ASSIGNMENT.ANSWER.eq(DepartureAnswer.CONFIRMED)),
                        DSL.count().filterWhere(DEPARTURE_ASSIGNMENT.ANSWER.eq(DepartureAnswer.CANNOT_COME)))
                .from(DEPARTURE_ASSIGNMENT).where(DEPARTURE_ASSIGNMENT.DEPARTURE_ID.eq(d.getId())).fetchSingle();
        return new Summary(d, place(d.getLocationId()), counts.value1(), counts.value2(), counts.value3());
    }

    /**
     * Registrations waiting for a seat from this departure's place (going to one of its destinations, when it has
     * any): most urgent need first, then longest waiting.
     */
    public List<Waiting> waiting(long departureId, int limit) {
        return waiting(departureId, Filter.ANY, limit);
    }

    /** The waiting registrations {@code filter} matches, in the same order as {@link #waiting(long, int)}. */
    public List<Waiting> waiting(long departureId, Filter filter, int limit) {
        DepartureRecord d = find(departureId).orElse(null);
        if (d == null) {
            return List.of();
        }
        return tx.select(REGISTRATION.ID, REGISTRATION.CODE, NAME, TRAVELLERS, REGISTRATION.NEEDS, WAITING_SINCE, URGENCY_RANK)
                .from(REGISTRATION)
                .where(waiting(d)).and(filter.condition())
                .orderBy(URGENCY_RANK.asc().nullsLast(), WAITING_SINCE.asc(), REGISTRATION.ID.asc())
                .limit(limit)
                .fetch(r -> new Waiting(r.value1(), r.value2(), r.value3(), r.value4(), List.of(r.value5()), r.value6()));
    }

    /** Who may take a seat on {@code d}: confirmed by the person, live for staff, on no bus, from its place and route. */
    private Condition waiting(DepartureRecord d) {
        Condition route = DSL.notExists(DSL.selectOne().from(DEPARTURE_DESTINATION)
                        .where(DEPARTURE_DESTINATION.DEPARTURE_ID.eq(d.getId())))
                .or(REGISTRATION.DESTINATION_ID.in(DSL.select(DEPARTURE_DESTINATION.DESTINATION_ID)
                        .from(DEPARTURE_DESTINATION).where(DEPARTURE_DESTINATION.DEPARTURE_ID.eq(d.getId()))));
        return REGISTRATION.STATUS.eq(RegistrationStatus.CONFIRMED)
                .and(REGISTRATION.STAFF_STATUS.in(StaffStatus.REGISTERED, StaffStatus.VERIFIED))
                .and(REGISTRATION.LOCATION_ID.eq(d.getLocationId()))
                .and(route)
                .and(DSL.notExists(DSL.selectOne().from(DEPARTURE_ASSIGNMENT)
                        .where(DEPARTURE_ASSIGNMENT.REGISTRATION_ID.eq(REGISTRATION.ID))));
    }

    /**
     * Gives seats to these registrations, all or none: refused when one is not waiting for this departure or
     * their travellers (everyone on each registration) do not fit in the free seats. The departure row is locked
     * first, so two members assigning at once never fill more seats than the bus has. The people are told in
     * their language, with the two answer buttons.
     */
    public Assignment assign(long departureId, Collection<Long> registrationIds, Instant now) {
        DepartureRecord d = lock(departureId).orElse(null);
        if (d == null) {
            return new Assignment.Gone();
        }
        if (!Departures.open(d)) {
            return new Assignment.Closed(d.getStatus());
        }
        List<Long> ids = List.copyOf(new LinkedHashSet<>(registrationIds));
        if (ids.isEmpty()) {
            return new Assignment.Done(0, 0);
        }
        Map<Long, Integer> fit = tx.select(REGISTRATION.ID, TRAVELLERS).from(REGISTRATION)
                .where(REGISTRATION.ID.in(ids)).and(waiting(d))
                .fetchMap(REGISTRATION.ID, TRAVELLERS);
        for (long id : ids) {
            if (!fit.containsKey(id)) {
                String code = tx.select(REGISTRATION.CODE).from(REGISTRATION).where(REGISTRATION.ID.eq(id))
                        .fetchOptional(REGISTRATION.CODE).orElse(null);
                return new Assignment.NotWaiting(id, code);
            }
        }
        int needed = fit.values().stream().mapToInt(Integer::intValue).sum();
        int free = summary(d).seatsFree();
        if (needed > free) {
            return new Assignment.NoSeats(needed, Math.max(free, 0));
        }
        for (long id : ids) {
            tx.insertInto(DEPARTURE_ASSIGNMENT)
                    .set(DEPARTURE_ASSIGNMENT.REGISTRATION_ID, id)
                    .set(DEPARTURE_ASSIGNMENT.DEPARTURE_ID, departureId)
                    .set(DEPARTURE_ASSIGNMENT.ASSIGNED_AT, now)
                    .execute();
        }
        tx.update(REGISTRATION).set(REGISTRATION.STAFF_STATUS, StaffStatus.ASSIGNED).set(REGISTRATION.UPDATED_AT, now)
                .where(REGISTRATION.ID.in(ids)).execute();
        notice(d, place(d.getLocationId()), ids, "dep.notice.assigned", "departure", true, true);
        return new Assignment.Done(ids.size(), needed);
    }

    /**
     * Fills the free seats from the waiting list in urgency order: each registration in turn whose travellers all
     * still fit is assigned (one too big for what is left is passed over, and a smaller one after it may fit), so
     * the seats are never exceeded and a family is never split. The people are told as by {@link #assign}.
     */
    public Assignment fill(long departureId, Instant now) {
        return fill(departureId, Filter.ANY, now).assignment();
    }

    /**
     * Which waiting registrations to assign at once (issue 13: "by filter"); every part is optional (null or empty:
     * any).
     *
     * @param destinationId going there (the waiting list already keeps to the departure's destinations)
     * @param needs having at least one of these needs
     * @param waitingBefore waiting since before this moment
     * @param maxTravellers at most this many travellers on the registration
     */
    public record Filter(Integer destinationId, List<String> needs, Instant waitingBefore, Integer maxTravellers) {
        /** Every waiting registration. */
        public static final Filter ANY = new Filter(null, List.of(), null, null);

        /** Copies the needs. */
        public Filter {
            needs = needs == null ? List.of() : List.copyOf(needs);
        }

        Condition condition() {
            Condition c = DSL.trueCondition();
            if (destinationId != null) {
                c = c.and(REGISTRATION.DESTINATION_ID.eq(destinationId));
            }
            if (!needs.isEmpty()) {
                c = c.and(DSL.condition("{0} && cast({1} as text[])", REGISTRATION.NEEDS, DSL.val(needs.toArray(String[]::new))));
            }
            if (waitingBefore != null) {
                c = c.and(DSL.coalesce(REGISTRATION.CONFIRMED_AT, REGISTRATION.CREATED_AT).lt(waitingBefore));
            }
            if (maxTravellers != null) {
                c = c.and(DSL.field(DSL.selectCount().from(TRAVELLER)
                        .where(TRAVELLER.REGISTRATION_ID.eq(REGISTRATION.ID))).le(maxTravellers));
            }
            return c;
        }
    }

    /**
     * What an assignment by filter did.
     *
     * @param assignment what was assigned (or why nothing was)
     * @param leftOver registrations the filter matched that found no seat
     */
    public record Filled(Assignment assignment, int leftOver) {}

    /**
     * Fills the free seats, as {@link #fill(long, Instant)}, from the waiting registrations {@code filter} matches only,
     * most urgent first, never over the seats; all in the caller's transaction with the notices.
     */
    public Filled fill(long departureId, Filter filter, Instant now) {
        DepartureRecord d = lock(departureId).orElse(null);
        if (d == null) {
            return new Filled(new Assignment.Gone(), 0);
        }
        if (!Departures.open(d)) {
            return new Filled(new Assignment.Closed(d.getStatus()), 0);
        }
        int free = summary(d).seatsFree();
        List<Long> chosen = new ArrayList<>();
        List<Waiting> matching = waiting(departureId, filter, 10_000);
        for (Waiting w : matching) {
            if (w.travellers() <= free) {
                chosen.add(w.registrationId());
                free -= w.travellers();
            }
        }
        // The departure stays locked by this transaction: assign sees the same seats.
        return new Filled(assign(departureId, chosen, now), matching.size() - chosen.size());
    }

    /**
     * Takes a registration off this departure: it waits again (as verified, since staff had found it fit to
     * travel). Nobody is told: staff do this when the person said they cannot come, or to correct a mistake.
     *
     * @return false when it was not on this departure
     */
    public boolean unassign(long departureId, long registrationId, Instant now) {
        int removed = tx.deleteFrom(DEPARTURE_ASSIGNMENT)
                .where(DEPARTURE_ASSIGNMENT.DEPARTURE_ID.eq(departureId), DEPARTURE_ASSIGNMENT.REGISTRATION_ID.eq(registrationId))
                .execute();
        if (removed == 0) {
            return false;
        }
        backToWaiting(List.of(registrationId), now);
        return true;
    }

    /** Everyone on a departure: confirmed first, then not answered, then those who cannot come; by code within. */
    public List<Passenger> passengers(long departureId) {
        return tx.select(REGISTRATION.ID, REGISTRATION.CODE, NAME, TRAVELLERS, REGISTRATION.NEEDS,
                        DEPARTURE_ASSIGNMENT.ANSWER, DEPARTURE_ASSIGNMENT.ANSWERED_AT)
                .from(DEPARTURE_ASSIGNMENT).join(REGISTRATION).on(REGISTRATION.ID.eq(DEPARTURE_ASSIGNMENT.REGISTRATION_ID))
                .where(DEPARTURE_ASSIGNMENT.DEPARTURE_ID.eq(departureId))
                .orderBy(DSL.when(DEPARTURE_ASSIGNMENT.ANSWER.eq(DepartureAnswer.CONFIRMED), 0)
                                .when(DEPARTURE_ASSIGNMENT.ANSWER.isNull(), 1).otherwise(2),
                        REGISTRATION.CODE)
                .fetch(r -> new Passenger(r.value1(), r.value2(), r.value3(), r.value4(), List.of(r.value5()),
                        r.value6(), r.value7()));
    }

    /**
     * Cancels a departure: its passengers are told and wait again for another bus.
     *
     * @return how many registrations went back to waiting, or -1 when there is no such open departure
     */
    public int cancel(long departureId, Instant now) {
        DepartureRecord d = lock(departureId).orElse(null);
        if (d == null || !Departures.open(d)) {
            return -1;
        }
        List<Long> ids = assignedIds(departureId);
        notice(d, place(d.getLocationId()), ids, "dep.notice.cancelled", "departure_cancel", false, false);
        tx.deleteFrom(DEPARTURE_ASSIGNMENT).where(DEPARTURE_ASSIGNMENT.DEPARTURE_ID.eq(departureId)).execute();
        backToWaiting(ids, now);
        d.setStatus(DepartureStatus.CANCELLED);
        d.setUpdatedAt(now);
        d.store();
        return ids.size();
    }

    /** How long before its time a departure may be marked gone: a bus may leave early, but not on another day. */
    public static final Duration DEPART_FROM = Duration.ofHours(6);

    /** What became of marking a departure gone. */
    public sealed interface Departure {
        /**
         * Marked gone: {@code departed} confirmed registrations ({@code travellers} people) are now departed;
         * {@code returned} registrations that had not answered or could not come wait again for another bus.
         */
        record Done(int departed, int travellers, int returned) implements Departure {}

        /** Too early: a departure may be marked gone from {@code from} ({@link #DEPART_FROM} before its time). */
        record TooEarly(Instant from) implements Departure {}

        /** Already cancelled or gone. */
        record Closed(DepartureStatus status) implements Departure {}

        /** No such departure. */
        record Gone() implements Departure {}
    }

    /**
     * Marks a departure gone (issue 13): its confirmed passengers become departed (each with a history event by
     * {@code staff}); those who did not answer or cannot come are taken off and wait again. Nobody is messaged: the
     * people on the bus know, and the others were already asked and did not come.
     */
    public Departure depart(long departureId, Staff staff, Instant now) {
        DepartureRecord d = lock(departureId).orElse(null);
        if (d == null) {
            return new Departure.Gone();
        }
        if (!Departures.open(d)) {
            return new Departure.Closed(d.getStatus());
        }
        Instant from = d.getDepartsAt().minus(DEPART_FROM);
        if (now.isBefore(from)) {
            return new Departure.TooEarly(from);
        }
        List<Long> confirmed = tx.select(DEPARTURE_ASSIGNMENT.REGISTRATION_ID).from(DEPARTURE_ASSIGNMENT)
                .join(REGISTRATION).on(REGISTRATION.ID.eq(DEPARTURE_ASSIGNMENT.REGISTRATION_ID))
                .where(DEPARTURE_ASSIGNMENT.DEPARTURE_ID.eq(departureId))
                .and(DEPARTURE_ASSIGNMENT.ANSWER.eq(DepartureAnswer.CONFIRMED))
                .and(REGISTRATION.STAFF_STATUS.eq(StaffStatus.ASSIGNED))
                .fetch(DEPARTURE_ASSIGNMENT.REGISTRATION_ID);
        List<Long> others = assignedIds(departureId).stream().filter(id -> !confirmed.contains(id)).toList();
        int travellers = confirmed.isEmpty() ? 0 : tx.fetchCount(TRAVELLER, TRAVELLER.REGISTRATION_ID.in(confirmed));
        if (!confirmed.isEmpty()) {
            // The trigger raises each row's version, so a registration form open elsewhere sees it changed.
            tx.update(REGISTRATION).set(REGISTRATION.STAFF_STATUS, StaffStatus.DEPARTED).set(REGISTRATION.UPDATED_AT, now)
                    .where(REGISTRATION.ID.in(confirmed)).execute();
            for (long id : confirmed) {
                tx.insertInto(REGISTRATION_EVENT)
                        .set(REGISTRATION_EVENT.REGISTRATION_ID, id)
                        .set(REGISTRATION_EVENT.AT, now)
                        .set(REGISTRATION_EVENT.STAFF_ID, staff.accountId())
                        .set(REGISTRATION_EVENT.STAFF_EMAIL, staff.email())
                        .set(REGISTRATION_EVENT.KIND, "status")
                        .set(REGISTRATION_EVENT.DETAIL, StaffStatus.DEPARTED.getLiteral())
                        .execute();
            }
        }
        if (!others.isEmpty()) {
            tx.deleteFrom(DEPARTURE_ASSIGNMENT).where(DEPARTURE_ASSIGNMENT.DEPARTURE_ID.eq(departureId),
                    DEPARTURE_ASSIGNMENT.REGISTRATION_ID.in(others)).execute();
            backToWaiting(others, now);
        }
        d.setStatus(DepartureStatus.DEPARTED);
        d.setDepartedAt(now);
        d.setUpdatedAt(now);
        d.store();
        return new Departure.Done(confirmed.size(), travellers, others.size());
    }

    private void backToWaiting(List<Long> ids, Instant now) {
        if (!ids.isEmpty()) {
            tx.update(REGISTRATION).set(REGISTRATION.STAFF_STATUS, StaffStatus.VERIFIED).set(REGISTRATION.UPDATED_AT, now)
                    .where(REGISTRATION.ID.in(ids), REGISTRATION.STAFF_STATUS.eq(StaffStatus.ASSIGNED)).execute();
        }
    }

    private List<Long> assignedIds(long departureId) {
        return tx.select(DEPARTURE_ASSIGNMENT.REGISTRATION_ID).from(DEPARTURE_ASSIGNMENT)
                .where(DEPARTURE_ASSIGNMENT.DEPARTURE_ID.eq(departureId)).fetch(DEPARTURE_ASSIGNMENT.REGISTRATION_ID);
    }

    /**
     * Tells the people of these registrations, one message per language among them: the meeting point and what to
     * bring are staff's own text per language, so each language's message carries its own (the catalogs' keys take
     * the same arguments in every language).
     */
    void notice(DepartureRecord d, LocationRecord place, List<Long> registrationIds, String key, String kind,
            boolean ask, boolean pin) {
        if (registrationIds.isEmpty()) {
            return;
        }
        Field<String> language = DSL.coalesce(TELEGRAM_USER.LANGUAGE, DSL.val(Language.RU.code()));
        List<String> languages = tx.selectDistinct(language).from(REGISTRATION).join(TELEGRAM_USER)
                .on(TELEGRAM_USER.CHAT_ID.eq(REGISTRATION.CHAT_ID))
                .where(REGISTRATION.ID.in(registrationIds)).fetch(language);
        ZonedDateTime when = d.getDepartsAt().atZone(ZoneId.of(place.getTimeZone()));
        for (String code : languages) {
            Language l = Language.fromCode(code).orElse(Language.RU);
            Map<String, Object> args = new HashMap<>();
            args.put("when", when);
            args.put("place", pick(l, place.getNameTg(), place.getNameRu(), place.getNameUz()));
            args.put("meeting", pick(l, d.getMeetingPointTg(), d.getMeetingPointRu(), d.getMeetingPointUz()));
            String bring = pick(l, d.getBringTg(), d.getBringRu(), d.getBringUz());
            args.put("bring", bring == null || bring.isBlank() ? "—" : bring);
            List<List<Button>> keyboard = new ArrayList<>();
            if (ask) {
                keyboard.add(List.of(Button.callback(Text.key("btn.dep.coming", Map.of()), "g:dep:" + d.getId() + ":y")));
                keyboard.add(List.of(Button.callback(Text.key("btn.dep.cannot", Map.of()), "g:dep:" + d.getId() + ":n")));
                if (d.getMeetingLatitude() != null) {
                    // Besides the venue sent after the notice: a link works on phones without a map app too.
                    keyboard.add(List.of(Button.url(Text.key("btn.dep.map", Map.of()), "https://www.openstreetmap.org/?mlat="
                            + d.getMeetingLatitude() + "&mlon=" + d.getMeetingLongitude() + "#map=17/"
                            + d.getMeetingLatitude() + "/" + d.getMeetingLongitude())));
                }
            }
            Condition inLanguage = l == Language.RU
                    ? TELEGRAM_USER.LANGUAGE.isNull().or(TELEGRAM_USER.LANGUAGE.eq(l.code()))
                    : TELEGRAM_USER.LANGUAGE.eq(l.code());
            Audience audience = Audience.where(inLanguage.and(TELEGRAM_USER.CHAT_ID.in(
                    DSL.select(REGISTRATION.CHAT_ID).from(REGISTRATION).where(REGISTRATION.ID.in(registrationIds)))));
            outbox.enqueue(tx, new OutgoingMessage(kind, Text.key(key, args), keyboard, false), audience);
            if (pin && d.getMeetingLatitude() != null) {
                // Right after the notice, to the same people: the meeting point as a place on the map, which the
                // phone's map opens and navigates to. Enqueued in the same transaction, so one never goes alone.
                outbox.enqueue(tx, OutgoingMessage.venue(kind + "_pin",
                        Text.written(Map.of(Language.TG, d.getMeetingPointTg(), Language.RU, d.getMeetingPointRu(),
                                Language.UZ, d.getMeetingPointUz())),
                        new OutgoingMessage.Venue(d.getMeetingLatitude(), d.getMeetingLongitude(),
                                new Text.Written(Map.of(Language.TG, place.getNameTg(), Language.RU, place.getNameRu(),
                                        Language.UZ, place.getNameUz())))), audience);
            }
        }
    }

    private static String pick(Language l, String tg, String ru, String uz) {
        return switch (l) {
            case TG -> tg;
            case RU -> ru;
            case UZ -> uz;
        };
    }

    private static List<Object> meeting(DepartureRecord d) {
        return java.util.Arrays.asList(d.getMeetingPointTg(), d.getMeetingPointRu(), d.getMeetingPointUz(),
                d.getMeetingLatitude(), d.getMeetingLongitude());
    }

    private Optional<DepartureRecord> lock(long departureId) {
        return tx.selectFrom(DEPARTURE).where(DEPARTURE.ID.eq(departureId)).forUpdate().fetchOptional();
    }

    LocationRecord place(int locationId) {
        return tx.selectFrom(LOCATION).where(LOCATION.ID.eq(locationId)).fetchOptional()
                .orElseThrow(() -> new IllegalArgumentException("no place " + locationId));
    }

    private void apply(DepartureRecord d, Plan p, LocationRecord place) {
        d.setLocationId(p.locationId());
        // A local time that does not exist (a clock moved forward) is taken as the next valid instant.
        d.setDepartsAt(p.localTime().atZone(ZoneId.of(place.getTimeZone())).toInstant());
        d.setMeetingPointTg(p.meetingTg());
        d.setMeetingPointRu(p.meetingRu());
        d.setMeetingPointUz(p.meetingUz());
        d.setMeetingLatitude(p.latitude());
        d.setMeetingLongitude(p.longitude());
        d.setSeats(p.seats());
        d.setBringTg(blankToNull(p.bringTg()));
        d.setBringRu(blankToNull(p.bringRu()));
        d.setBringUz(blankToNull(p.bringUz()));
    }

    private void destinations(long departureId, List<Integer> ids) {
        for (int id : ids) {
            tx.insertInto(DEPARTURE_DESTINATION).set(DEPARTURE_DESTINATION.DEPARTURE_ID, departureId)
                    .set(DEPARTURE_DESTINATION.DESTINATION_ID, id).execute();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
