package org.homeward.core.outbox;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.homeward.i18n.Language;

/**
 * A message nobody asked for at that moment (broadcast, departure notice, reminder, requirement change), rendered
 * in each recipient's language when it is sent.
 *
 * @param kind what caused it ({@code broadcast}, {@code departure}, ...): lower-case letters, digits, underscores
 * @param text the body
 * @param keyboard rows of inline buttons under the message; empty for none
 * @param paidBroadcast send with {@code allow_paid_broadcast} above the free 30 messages/s (costs Telegram Stars,
 *     https://core.telegram.org/bots/api#sendmessage); used only when the engine allows paid broadcasts
 * @param venue when not null, the message is this place on the map and {@code text} its title
 *     (https://core.telegram.org/bots/api#sendvenue); null for a text message
 */
public record OutgoingMessage(String kind, Text text, List<List<Button>> keyboard, boolean paidBroadcast, Venue venue) {
    /** Telegram's longest message text (https://core.telegram.org/bots/api#sendmessage). */
    public static final int MAX_TEXT_LENGTH = 4096;

    /** Checks the parts and copies the keyboard. */
    public OutgoingMessage {
        Objects.requireNonNull(text, "text");
        if (kind == null || !kind.matches("[a-z0-9_]{1,40}")) {
            throw new IllegalArgumentException("kind must be 1-40 of [a-z0-9_]");
        }
        keyboard = keyboard == null ? List.of() : keyboard.stream().map(List::copyOf).toList();
    }

    /** A text message. */
    public OutgoingMessage(String kind, Text text, List<List<Button>> keyboard, boolean paidBroadcast) {
        this(kind, text, keyboard, paidBroadcast, null);
    }

    /** A place on the map, titled {@code title} (in each recipient's language), sent as a Telegram venue. */
    public static OutgoingMessage venue(String kind, Text title, Venue venue) {
        return new OutgoingMessage(kind, title, List.of(), false, Objects.requireNonNull(venue, "venue"));
    }

    /**
     * Where a venue is, and its address in each recipient's language (written text, as staff's own).
     */
    public record Venue(double latitude, double longitude, Text.Written address) {
        /** Checks the coordinates. */
        public Venue {
            if (!(latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180)) {
                throw new IllegalArgumentException("latitude -90..90 and longitude -180..180");
            }
            Objects.requireNonNull(address, "address");
        }
    }

    /** A message with a body only. */
    public static OutgoingMessage of(String kind, Text text) {
        return new OutgoingMessage(kind, text, List.of(), false);
    }

    /** Text in each recipient's language. */
    public sealed interface Text {
        /** The text of this message for a recipient speaking {@code language}. */
        String render(Language language);

        /**
         * A catalog key and its named arguments: strings, numbers, booleans, or {@link ZonedDateTime}s for dates and
         * times (in the zone they are shown in: for a departure, its departure point's).
         */
        static Text key(String key, Map<String, ?> args) {
            return new Key(key, args);
        }

        /** Text written by staff, per language; a missing language falls back to Russian, then any other. */
        static Text written(Map<Language, String> texts) {
            return new Written(texts);
        }

        /** A key of the i18n catalogs with named ICU arguments. */
        record Key(String key, Map<String, ?> args) implements Text {
            /**
             * Checks the key exists in every catalog and the arguments are of storable types. A bare {@link Instant}
             * is refused: it has no zone, and the server's is never the right one for a migrant.
             */
            public Key {
                Objects.requireNonNull(key, "key");
                args = args == null ? Map.of() : Map.copyOf(args);
                for (Language language : Language.values()) {
                    if (!org.homeward.i18n.Messages.get().has(language, key)) {
                        throw new IllegalArgumentException("no catalog key " + key + " in " + language.code());
                    }
                }
                // Names and types only in these messages: they reach logs, never an argument's value.
                args.forEach((name, value) -> {
                    if (value instanceof Instant) {
                        throw new IllegalArgumentException("argument '" + name + "' of " + key + " is an Instant, which"
                                + " has no time zone: pass a ZonedDateTime in the zone to show it in (for a departure,"
                                + " its departure point's)");
                    }
                    if (!(value instanceof String || value instanceof Number || value instanceof Boolean
                            || value instanceof ZonedDateTime)) {
                        throw new IllegalArgumentException("argument '" + name + "' of " + key + " is a "
                                + value.getClass().getSimpleName() + "; arguments are String, Number, Boolean or"
                                + " ZonedDateTime");
                    }
                });
            }

            @Override
            public String render(Language language) {
                // The catalog shows a ZonedDateTime in its own zone.
                return org.homeward.i18n.Messages.get().format(language, key, args);
            }
        }

        /** Staff-written text per language. */
        record Written(Map<Language, String> texts) implements Text {
            /** Checks there is at least one text and none is blank or longer than Telegram allows. */
            public Written {
                Objects.requireNonNull(texts, "texts");
                EnumMap<Language, String> copy = new EnumMap<>(Language.class);
                texts.forEach((language, text) -> {
                    if (text != null) {
                        if (text.isBlank() || text.length() > MAX_TEXT_LENGTH) {
                            throw new IllegalArgumentException("text must be 1-" + MAX_TEXT_LENGTH + " characters");
                        }
                        copy.put(language, text);
                    }
                });
                if (copy.isEmpty()) {
                    throw new IllegalArgumentException("no text in any language");
                }
                texts = Map.copyOf(copy);
            }

            @Override
            public String render(Language language) {
                String text = texts.get(language);
                if (text == null) {
                    text = texts.get(Language.RU);
                }
                if (text == null) {
                    text = texts.values().iterator().next();
                }
                return text;
            }
        }
    }

    /**
     * One inline button (https://core.telegram.org/bots/api#inlinekeyboardbutton): exactly one of callback data
     * (1-64 bytes) or an http(s) URL.
     */
    public record Button(Text label, String callbackData, String url) {
        /** Checks that exactly one action is given. */
        public Button {
            Objects.requireNonNull(label, "label");
            if ((callbackData == null) == (url == null)) {
                throw new IllegalArgumentException("a button has either callback data or a URL");
            }
            if (callbackData != null
                    && (callbackData.isEmpty() || callbackData.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64)) {
                throw new IllegalArgumentException("callback data must be 1-64 bytes");
            }
            if (url != null && !url.matches("https?://\\S+")) {
                throw new IllegalArgumentException("button URL must be http(s)");
            }
        }

        /** A button that sends {@code callbackData} back to the bot. */
        public static Button callback(Text label, String callbackData) {
            return new Button(label, callbackData, null);
        }

        /** A button that opens {@code url}. */
        public static Button url(Text label, String url) {
            return new Button(label, null, url);
        }
    }
}
