package org.homeward.bot.conversation;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.homeward.core.Domain;
import org.homeward.core.registrations.RegistrationForm;
import org.homeward.core.registrations.Traveller;
import org.homeward.core.registrations.Validation;
import org.homeward.core.registrations.Validation.Checked;
import org.homeward.core.registrations.Validation.Problem;
import org.homeward.db.jooq.tables.records.DestinationRecord;
import org.homeward.db.jooq.tables.records.LocationRecord;
import org.homeward.db.jooq.tables.records.RegistrationRecord;

/**
 * What each question of the {@link Questionnaire} does with an answer: typed text, a button, the shared contact or
 * location is checked, stored in the draft and acknowledged. Where the conversation goes then is the state table's
 * decision ({@link Machine}); an answer only says what it came to.
 */
final class Answers {
    /** What an answer came to. */
    sealed interface Outcome {
        /** Stored in the draft: on to the next question. */
        record Answered() implements Outcome {}

        /** The question stays: the answer was unusable (and the person was told so), or changed it in place. */
        record Stays() implements Outcome {}

        /**
         * A question asked on purpose rather than in order: the place typed by hand, a family member's (new or
         * corrected).
         */
        record Asks(State question) implements Outcome {}

        /** The document or phone is on a live registration already. */
        record Taken(RegistrationRecord existing) implements Outcome {}
    }

    private static final Outcome ANSWERED = new Outcome.Answered();
    private static final Outcome STAYS = new Outcome.Stays();

    private final Turn turn;
    private final Domain domain;
    private final Ui ui;
    private final LocalDate today;
    private final Conversation.Settings settings;
    private final Prompts prompts;

    Answers(Turn turn, Prompts prompts) {
        this.turn = turn;
        this.domain = turn.domain;
        this.ui = turn.ui;
        this.today = turn.today;
        this.settings = turn.settings;
        this.prompts = prompts;
    }

    /** Text typed while {@code state} is asked. */
    Outcome typed(State state, Draft draft, String text) {
        return switch (state) {
            case REG_NAME -> store(Validation.fullName(text), name -> draft.applicant.fullName = name,
                    Answers::nameError);
            case REG_BIRTH -> store(Validation.birthDate(text, today),
                    date -> draft.applicant.birthDate = date.toString(), Answers::birthError);
            case REG_DOC_NUMBER -> Validation.documentNumber(text).accepted().map(n -> documentNumber(draft, n))
                    .orElseGet(() -> retry("reg.doc_number.invalid"));
            case REG_PHONE -> Validation.phone(text, draft.applicant.citizenship).accepted().map(p -> phone(draft, p))
                    .orElseGet(() -> retry("reg.phone.invalid"));
            case REG_LOCATION -> {
                Optional<LocationRecord> known = domain.places().locations().stream()
                        .filter(l -> matches(text, l.getNameTg(), l.getNameRu(), l.getNameUz())).findFirst();
                if (known.isPresent()) {
                    yield place(draft, known.get(), "reg.location.saved");
                }
                yield Validation.place(text).accepted().map(p -> otherPlace(draft, p))
                        .orElseGet(() -> retry("reg.location.invalid"));
            }
            case REG_LOCATION_OTHER -> Validation.place(text).accepted().map(p -> otherPlace(draft, p))
                    .orElseGet(() -> retry("reg.location_other.invalid"));
            case REG_DESTINATION -> {
                Optional<DestinationRecord> known = domain.places().destinations().stream()
                        .filter(d -> matches(text, d.getNameTg(), d.getNameRu(), d.getNameUz())).findFirst();
                if (known.isPresent()) {
                    draft.destinationId = known.get().getId();
                    yield ANSWERED;
                }
                yield fallback(state, draft);
            }
            case REG_DISTRICT -> store(Validation.place(text), district -> draft.district = district,
                    problem -> "reg.district.invalid");
            case FAM_NAME -> store(Validation.fullName(text), name -> draft.member.fullName = name,
                    Answers::nameError);
            case FAM_BIRTH -> store(Validation.birthDate(text, today),
                    date -> draft.member.birthDate = date.toString(), Answers::birthError);
            default -> fallback(state, draft);
        };
    }

    /** A button of {@code state}'s question pressed, with its value. */
    Outcome pressed(State state, Draft draft, String value, Integer messageId) {
        return switch (state) {
            case REG_SEX -> pick(state, draft, value, Traveller.SEXES, v -> draft.applicant.sex = v);
            case REG_CITIZENSHIP -> pick(state, draft, value, Traveller.CITIZENSHIPS,
                    v -> draft.applicant.citizenship = v);
            case REG_DOC_TYPE -> pick(state, draft, value, Traveller.DOCUMENT_TYPES, v -> {
                draft.applicant.documentType = v;
                if (v.equals("none")) {
                    draft.applicant.documentNumber = null;
                    ui.say(ui.t("reg.doc.none_noted"));
                }
            });
            case REG_LOCATION -> {
                if (value.equals("other")) {
                    yield new Outcome.Asks(State.REG_LOCATION_OTHER);
                }
                yield domain.places().locations().stream().filter(l -> String.valueOf(l.getId()).equals(value))
                        .findFirst().map(l -> place(draft, l, "reg.location.saved")).orElseGet(() -> again(state, draft));
            }
            case REG_DESTINATION -> domain.places().destinations().stream()
                    .filter(d -> String.valueOf(d.getId()).equals(value)).findFirst().map(d -> {
                        draft.destinationId = d.getId();
                        return ANSWERED;
                    }).orElseGet(() -> again(state, draft));
            case REG_FAMILY -> family(draft, value);
            case FAM_SEX -> pick(state, draft, value, Traveller.SEXES, v -> draft.member.sex = v);
            case FAM_RELATION -> pick(state, draft, value, Traveller.RELATIONS, v -> {
                // The member is complete: in the family (new, or in the place of the one corrected) before "add
                // another / done" counts them.
                draft.member.relation = v;
                if (draft.memberIndex != null && draft.memberIndex < draft.family.size()) {
                    draft.family.set(draft.memberIndex, draft.member);
                    ui.say(ui.t("reg.family.corrected", "number", draft.memberIndex + 1));
                } else {
                    draft.family.add(draft.member);
                }
                draft.member = null;
                draft.memberIndex = null;
                draft.familyVersion++;
            });
            case REG_NEEDS -> {
                if (value.equals("done")) {
                    yield ANSWERED;
                } else if (!RegistrationForm.NEEDS.contains(value)) {
                    yield again(state, draft);
                }
                if (!draft.needs.remove(value)) {
                    draft.needs.add(value);
                }
                // Marks the choice on the same message instead of sending a new one
                // (https://core.telegram.org/bots/api#editmessagereplymarkup).
                if (messageId != null) {
                    ui.editButtons(messageId, prompts.needsButtons(draft));
                    yield STAYS;
                }
                yield again(state, draft);
            }
            default -> again(state, draft);
        };
    }

    /**
     * The family question's buttons: add a member, done, or correct or remove one listed. Correcting asks that
     * member's questions again and puts the answers in their place; removing says who was removed. A button of an
     * older list, made before the family changed, does neither.
     */
    private Outcome family(Draft draft, String value) {
        if (value.equals("add") && draft.family.size() < settings.maxFamilyMembers()) {
            draft.member = new Draft.Person();
            draft.memberIndex = null;
            return new Outcome.Asks(State.FAM_NAME);
        } else if (value.equals("add")) {
            ui.say(ui.t("reg.family.full", "count", settings.maxFamilyMembers(),
                    "hotline", turn.operation().getHotlinePhone()));
            return ANSWERED;
        } else if (value.equals("done")) {
            return ANSWERED;
        }
        String[] parts = value.split("\\.");
        if (parts.length != 3 || !(parts[0].equals("change") || parts[0].equals("remove"))
                || !parts[1].matches("[0-9]{1,2}")) {
            return again(State.REG_FAMILY, draft);
        }
        int index = Integer.parseInt(parts[1]);
        if (!parts[2].equals(String.valueOf(draft.familyVersion)) || index >= draft.family.size()) {
            ui.say(ui.t("misc.stale"));
            return again(State.REG_FAMILY, draft);
        }
        Draft.Person listed = draft.family.get(index);
        if (parts[0].equals("remove")) {
            draft.family.remove(index);
            draft.familyVersion++;
            ui.say(ui.t("reg.family.removed", "name", listed.fullName));
            return again(State.REG_FAMILY, draft);
        }
        ui.say(ui.t("reg.family.correcting", "number", index + 1, "name", listed.fullName));
        draft.member = new Draft.Person();
        draft.memberIndex = index;
        return new Outcome.Asks(State.FAM_NAME);
    }

    /** A contact shared on the phone question. */
    Outcome contact(Draft draft, Long contactUserId, long senderId, String phone) {
        // Only the person's own number: a forwarded contact card of someone else carries another user_id or none
        // (https://core.telegram.org/bots/api#contact).
        if (contactUserId == null || contactUserId != senderId) {
            return retry("reg.phone.not_own");
        }
        return Validation.phone(phone.startsWith("+") ? phone : "+" + phone).accepted().map(p -> phone(draft, p))
                .orElseGet(() -> retry("reg.phone.invalid"));
    }

    /** A location shared on the place question. */
    Outcome location(Draft draft, double latitude, double longitude) {
        // Only the nearest known place is kept, never the coordinates themselves.
        Optional<LocationRecord> nearest = domain.places().nearest(latitude, longitude);
        if (nearest.isEmpty()) {
            ui.say(ui.t("reg.location.far"));
            return new Outcome.Asks(State.REG_LOCATION_OTHER);
        }
        return place(draft, nearest.get(), "reg.location.nearest");
    }

    // === storing one answer ==================================================================================

    /** Stores a checked answer, or says what is wrong with it in the words {@code errorKey} picks for the problem. */
    private <T> Outcome store(Checked<T> checked, Consumer<T> set, Function<Problem, String> errorKey) {
        return switch (checked) {
            case Checked.Valid<T> valid -> {
                set.accept(valid.value());
                yield ANSWERED;
            }
            case Checked.Invalid<T> invalid -> retry(errorKey.apply(invalid.problem()));
        };
    }

    private static String nameError(Problem problem) {
        return switch (problem) {
            case ONE_WORD -> "reg.name.one_word";
            case TOO_LONG -> "reg.name.too_long";
            default -> "reg.name.invalid";
        };
    }

    /** A date too long ago is most often a typo in the year, which the general text with its example shows. */
    private static String birthError(Problem problem) {
        return problem == Problem.IN_FUTURE ? "reg.birth.future" : "reg.birth.invalid";
    }

    private Outcome pick(State state, Draft draft, String value, List<String> allowed, Consumer<String> set) {
        if (!allowed.contains(value)) {
            return again(state, draft);
        }
        set.accept(value);
        return ANSWERED;
    }

    private Outcome documentNumber(Draft draft, String number) {
        Optional<RegistrationRecord> existing = domain.registrations().byDocument(draft.applicant.documentType, number, draft.registrationId);
        if (existing.isPresent()) {
            return new Outcome.Taken(existing.get());
        }
        draft.applicant.documentNumber = number;
        // Never the number itself: only its last characters, so a glance at the phone shows nothing usable.
        ui.say(ui.t(kept(draft, "reg.doc_number.saved", "reg.doc_number.noted"), "masked", Validation.mask(number)));
        return ANSWERED;
    }

    private Outcome phone(Draft draft, String phone) {
        Optional<RegistrationRecord> existing = domain.registrations().byPhone(phone, draft.registrationId);
        if (existing.isPresent()) {
            return new Outcome.Taken(existing.get());
        }
        draft.phone = phone;
        // In full, to its owner: a country code added to a number typed without one can be checked here.
        keyboardDone(ui.t(kept(draft, "reg.phone.saved", "reg.phone.noted"), "phone", phone));
        return ANSWERED;
    }

    /** A known place, picked, typed or the nearest to a shared location ({@code ackKey} says which). */
    private Outcome place(Draft draft, LocationRecord location, String ackKey) {
        draft.locationId = location.getId();
        draft.locationOther = null;
        keyboardDone(ui.t(ackKey.equals("reg.location.saved") ? kept(draft, ackKey, "reg.location.noted") : ackKey,
                "place", turn.name(location)));
        return ANSWERED;
    }

    private Outcome otherPlace(Draft draft, String place) {
        draft.locationId = null;
        draft.locationOther = place;
        keyboardDone(ui.t(kept(draft, "reg.location.saved", "reg.location.noted"), "place", place));
        return ANSWERED;
    }

    /**
     * How an answer is acknowledged: "saved" while registering, where the draft is what is kept; while correcting
     * a confirmed registration only "noted", since nothing changes until "Save" on the summary.
     */
    private static String kept(Draft draft, String savedKey, String notedKey) {
        return draft.registrationId == null ? savedKey : notedKey;
    }

    /**
     * The share-contact and share-location keyboards have done their job: the main menu comes back under the
     * typing field with a short acknowledgement (a message has one keyboard, and the next question's is inline).
     */
    private void keyboardDone(String acknowledgement) {
        ui.send(acknowledgement, ui.menu(turn.registered()));
    }

    // === not an answer =======================================================================================

    /** The error names what is wrong and shows a right answer; the question itself is not repeated. */
    private Outcome retry(String errorKey) {
        ui.say(ui.t(errorKey));
        return STAYS;
    }

    /** A value none of the question's buttons has (an older keyboard): the question again. */
    private Outcome again(State state, Draft draft) {
        prompts.ask(state, draft);
        return STAYS;
    }

    private Outcome fallback(State state, Draft draft) {
        prompts.fallback(state, draft);
        return STAYS;
    }

    private static boolean matches(String text, String... names) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (String n : names) {
            if (n.toLowerCase(Locale.ROOT).equals(t)) {
                return true;
            }
        }
        return false;
    }
}
