package org.homeward.core.outbox;

import static org.homeward.db.jooq.Tables.DELIVERY;
import static org.homeward.db.jooq.Tables.DELIVERY_MESSAGE;
import static org.homeward.db.jooq.Tables.TELEGRAM_USER;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.homeward.core.outbox.OutgoingMessage.Text;
import org.homeward.db.enums.DeliveryMessageState;
import org.homeward.db.enums.DeliveryStatus;
import org.homeward.db.jooq.tables.records.DeliveryMessageRecord;
import org.homeward.i18n.Language;
import org.homeward.i18n.Messages;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The durable queue: enqueue a message for an audience in the caller's transaction, follow its progress, pause,
 * resume or cancel it. Stateless; every method runs on the {@link DSLContext} it is given.
 */
public final class Outbox {
    private static final Instant PARKED = Instant.parse("9999-12-31T00:00:00Z");

    /** A queue; it holds no state of its own. */
    public Outbox() {}

    /**
     * Stores {@code message} and one recipient row per person in {@code audience} who is not unreachable, in one
     * {@code insert … select}; run it in the transaction of whatever caused the message.
     *
     * @return the message id, for progress and control
     */
    public long enqueue(DSLContext tx, OutgoingMessage message, Audience audience) {
        var insert = tx.insertInto(DELIVERY_MESSAGE)
                .set(DELIVERY_MESSAGE.KIND, message.kind())
                .set(DELIVERY_MESSAGE.PAID_BROADCAST, message.paidBroadcast())
                .set(DELIVERY_MESSAGE.KEYBOARD, json(MessageCodec.keyboard(message.keyboard())));
        switch (message.text()) {
            case Text.Key key -> insert.set(DELIVERY_MESSAGE.TEXT_KEY, key.key())
                    .set(DELIVERY_MESSAGE.TEXT_ARGS, json(MessageCodec.args(key.args())));
            case Text.Written w -> insert.set(DELIVERY_MESSAGE.TEXT_TG, w.texts().get(Language.TG))
                    .set(DELIVERY_MESSAGE.TEXT_RU, w.texts().get(Language.RU))
                    .set(DELIVERY_MESSAGE.TEXT_UZ, w.texts().get(Language.UZ));
        }
        if (message.venue() != null) {
            var v = message.venue();
            insert.set(DELIVERY_MESSAGE.LATITUDE, v.latitude()).set(DELIVERY_MESSAGE.LONGITUDE, v.longitude())
                    .set(DELIVERY_MESSAGE.ADDRESS_TG, v.address().texts().get(Language.TG))
                    .set(DELIVERY_MESSAGE.ADDRESS_RU, v.address().texts().get(Language.RU))
                    .set(DELIVERY_MESSAGE.ADDRESS_UZ, v.address().texts().get(Language.UZ));
        }
        long id = insert.returning(DELIVERY_MESSAGE.ID).fetchSingle().getId();
        tx.insertInto(DELIVERY, DELIVERY.MESSAGE_ID, DELIVERY.CHAT_ID)
                .select(DSL.select(DSL.val(id), TELEGRAM_USER.CHAT_ID)
                        .from(TELEGRAM_USER)
                        .where(TELEGRAM_USER.UNREACHABLE_AT.isNull())
                        .and(audience.condition()))
                // No ON CONFLICT: the message is new and telegram_user's key makes each chat appear once; the
                // unique (message_id, chat_id) still guards, without the cost of speculative insertion.
                .execute();
        return id;
    }

    /** Counts by status and an estimate of the time left, or empty when there is no such message. */
    public Optional<Progress> progress(DSLContext dsl, long messageId) {
        DeliveryMessageState state = dsl.select(DELIVERY_MESSAGE.STATE).from(DELIVERY_MESSAGE)
                .where(DELIVERY_MESSAGE.ID.eq(messageId)).fetchOne(DELIVERY_MESSAGE.STATE);
        if (state == null) {
            return Optional.empty();
        }
        Field<Integer> queuedCount = count(DeliveryStatus.QUEUED);
        Field<Integer> sendingCount = count(DeliveryStatus.SENDING);
        Field<Integer> sentCount = count(DeliveryStatus.SENT);
        Field<Integer> failedCount = count(DeliveryStatus.FAILED);
        Field<Integer> skippedCount = count(DeliveryStatus.SKIPPED);
        Field<Integer> recentCount = DSL.count().filterWhere(DELIVERY.STATUS.eq(DeliveryStatus.SENT)
                        .and(DSL.condition("{0} > now() - interval '30 seconds'", DELIVERY.SENT_AT)))
                .as("recent");
        // How long the recent sends took: the window is shorter than 30 s while a message has just started.
        Field<Double> recentSpan = DSL.field("extract(epoch from now() - min({0}) filter (where {1} = 'sent' and {0} > now() - interval '30 seconds'))",
                Double.class, DELIVERY.SENT_AT, DELIVERY.STATUS).as("recent_span");
        Record r = dsl.select(queuedCount, sendingCount, sentCount, failedCount, skippedCount, recentCount, recentSpan)
                .from(DELIVERY)
                .where(DELIVERY.MESSAGE_ID.eq(messageId))
                .fetchSingle();
        long queued = r.get(queuedCount);
        long sending = r.get(sendingCount);
        long recentSent = r.get(recentCount);
        long left = queued + sending;
        Optional<Duration> timeLeft;
        if (left == 0) {
            timeLeft = Optional.of(Duration.ZERO);
        } else if (state != DeliveryMessageState.ACTIVE || recentSent == 0) {
            timeLeft = Optional.empty();
        } else {
            // The pace of the last 30 seconds (or since the first send, if sooner): it already includes the shared
            // rate and any other traffic.
            Double span = r.get(recentSpan);
            double seconds = Math.max(1.0, Math.min(30.0, span == null ? 30.0 : span));
            timeLeft = Optional.of(Duration.ofMillis(Math.round(left * seconds * 1000.0 / recentSent)));
        }
        return Optional.of(new Progress(messageId, state, queued, sending, r.get(sentCount), r.get(failedCount),
                r.get(skippedCount), timeLeft));
    }

    /** How many of the message's recipients have {@code status}. */
    private static Field<Integer> count(DeliveryStatus status) {
        return DSL.count().filterWhere(DELIVERY.STATUS.eq(status)).as(status.getLiteral());
    }

    /** Stops sending {@code messageId} until {@link #resume}; rows being sent at this moment still go out. */
    public boolean pause(DSLContext dsl, long messageId) {
        return dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            int changed = tx.update(DELIVERY_MESSAGE).set(DELIVERY_MESSAGE.STATE, DeliveryMessageState.PAUSED)
                    .where(DELIVERY_MESSAGE.ID.eq(messageId)).and(DELIVERY_MESSAGE.STATE.eq(DeliveryMessageState.ACTIVE)).execute();
            if (changed == 1) {
                // Parked rows stay out of the senders' claim scan, which walks the due index in time order.
                tx.update(DELIVERY).set(DELIVERY.NEXT_TRY_AT, PARKED)
                        .where(DELIVERY.MESSAGE_ID.eq(messageId)).and(DELIVERY.STATUS.eq(DeliveryStatus.QUEUED)).execute();
            }
            return changed == 1;
        });
    }

    /** Sends a paused message again, from where it stopped. */
    public boolean resume(DSLContext dsl, long messageId) {
        return dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            int changed = tx.update(DELIVERY_MESSAGE).set(DELIVERY_MESSAGE.STATE, DeliveryMessageState.ACTIVE)
                    .where(DELIVERY_MESSAGE.ID.eq(messageId)).and(DELIVERY_MESSAGE.STATE.eq(DeliveryMessageState.PAUSED)).execute();
            if (changed == 1) {
                tx.update(DELIVERY).set(DELIVERY.NEXT_TRY_AT, DSL.currentInstant())
                        .where(DELIVERY.MESSAGE_ID.eq(messageId)).and(DELIVERY.STATUS.eq(DeliveryStatus.QUEUED)).execute();
            }
            return changed == 1;
        });
    }

    /**
     * Cancels {@code messageId}: whatever is not yet sent is marked skipped (rows being sent at this moment keep
     * their real outcome).
     *
     * @return how many recipients were skipped
     */
    public int cancel(DSLContext dsl, long messageId) {
        return dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            int changed = tx.update(DELIVERY_MESSAGE).set(DELIVERY_MESSAGE.STATE, DeliveryMessageState.CANCELLED)
                    .where(DELIVERY_MESSAGE.ID.eq(messageId)).and(DELIVERY_MESSAGE.STATE.ne(DeliveryMessageState.CANCELLED)).execute();
            if (changed == 0) {
                return 0;
            }
            return tx.update(DELIVERY)
                    .set(DELIVERY.STATUS, DeliveryStatus.SKIPPED)
                    .set(DELIVERY.LEASE_UNTIL, (Instant) null)
                    // The reason stored is the message's new state.
                    .set(DELIVERY.LAST_ERROR, DeliveryMessageState.CANCELLED.getLiteral())
                    .where(DELIVERY.MESSAGE_ID.eq(messageId))
                    // A row whose sender's lease ran out is abandoned: nobody will send it now.
                    .and(DELIVERY.STATUS.eq(DeliveryStatus.QUEUED)
                            .or(DELIVERY.STATUS.eq(DeliveryStatus.SENDING).and(DELIVERY.LEASE_UNTIL.lt(DSL.currentInstant()))))
                    .execute();
        });
    }

    /**
     * The stored messages with these ids, as they were enqueued, for the delivery engine to render per recipient. A
     * message that cannot be read back any more (its catalog key was renamed or removed by a later release, an
     * argument is of a kind no longer accepted) comes back as {@link Stored.Unreadable}, so that only its own
     * recipients fail, never the others sent with them.
     */
    public Map<Long, Stored> messages(DSLContext dsl, Collection<Long> ids) {
        Map<Long, Stored> messages = new HashMap<>();
        for (var r : dsl.selectFrom(DELIVERY_MESSAGE).where(DELIVERY_MESSAGE.ID.eq(DSL.any(ids.toArray(Long[]::new)))).fetch()) {
            Stored stored;
            try {
                stored = new Stored.Readable(message(r));
            } catch (RuntimeException e) {
                stored = new Stored.Unreadable(unreadable(r.getTextKey(), e));
            }
            messages.put(r.getId(), stored);
        }
        return messages;
    }

    private static OutgoingMessage message(DeliveryMessageRecord r) {
        Text text;
        if (r.getTextKey() != null) {
            text = Text.key(r.getTextKey(), MessageCodec.args(r.getTextArgs() == null ? null : r.getTextArgs().data()));
        } else {
            Map<Language, String> texts = new EnumMap<>(Language.class);
            putIfPresent(texts, Language.TG, r.getTextTg());
            putIfPresent(texts, Language.RU, r.getTextRu());
            putIfPresent(texts, Language.UZ, r.getTextUz());
            text = Text.written(texts);
        }
        OutgoingMessage.Venue venue = null;
        if (r.getLatitude() != null) {
            Map<Language, String> address = new EnumMap<>(Language.class);
            putIfPresent(address, Language.TG, r.getAddressTg());
            putIfPresent(address, Language.RU, r.getAddressRu());
            putIfPresent(address, Language.UZ, r.getAddressUz());
            venue = new OutgoingMessage.Venue(r.getLatitude(), r.getLongitude(), new Text.Written(address));
        }
        return new OutgoingMessage(r.getKind(), text,
                MessageCodec.keyboard(r.getKeyboard() == null ? null : r.getKeyboard().data()), r.getPaidBroadcast(),
                venue);
    }

    /**
     * Why a stored message cannot be read: the key, or the exception's type only. An exception's own message may
     * quote what was stored (a name, a phone number in an argument), and this reason goes to logs and rows.
     */
    private static String unreadable(String key, RuntimeException e) {
        if (key != null) {
            for (Language language : Language.values()) {
                if (!Messages.get().has(language, key)) {
                    return "no catalog key " + key + " in " + language.code();
                }
            }
        }
        return "unreadable stored message (" + e.getClass().getSimpleName() + ")";
    }

    private static void putIfPresent(Map<Language, String> texts, Language language, String text) {
        if (text != null) {
            texts.put(language, text);
        }
    }

    private static JSONB json(String json) {
        return json == null ? null : JSONB.valueOf(json);
    }

    /** A stored message as read back: the message, or why it cannot be sent any more. */
    public sealed interface Stored {
        /** The message as it was enqueued. */
        record Readable(OutgoingMessage message) implements Stored {}

        /** Cannot be read back; {@code reason} names keys and types, never the text or an argument's value. */
        record Unreadable(String reason) implements Stored {}
    }

    /**
     * Where a message stands.
     *
     * @param timeLeft estimate from the pace of the last 30 seconds; empty while paused or before the first send
     */
    public record Progress(long messageId, DeliveryMessageState state, long queued, long sending, long sent, long failed,
                           long skipped, Optional<Duration> timeLeft) {
        /** All recipients. */
        public long total() {
            return queued + sending + sent + failed + skipped;
        }

        /** True when every recipient has a final status. */
        public boolean done() {
            return queued + sending == 0;
        }
    }
}
