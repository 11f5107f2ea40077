package org.homeward.bot.conversation;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.homeward.core.registrations.Field;

/**
 * The registration questionnaire as one ordered declaration. Everything about its order is derived from the two
 * tables below: the question after an answer ({@link #next}), the question that gives a missing answer
 * ({@link #asking}), the summary's edit buttons ({@link #topics}) and where each of them leads ({@link #correcting}).
 *
 * <p>Whether a required question is answered is the core's rule, {@link
 * org.homeward.core.registrations.RegistrationForm#has}, the same one confirming checks; the required rows are
 * declared in {@link Field}'s order, so the core's first missing answer is this table's first unanswered question.
 */
final class Questionnaire {
    private Questionnaire() {}

    /** How a question is asked: one of {@link Prompts}' questions. */
    @FunctionalInterface
    interface Prompt {
        void ask(Prompts prompts, Draft draft);
    }

    /**
     * One question.
     *
     * @param answers the core's required answer it gives, or null for the optional family and needs questions
     *     (asked in every first pass all the same)
     * @param topic the summary's edit button leading to it ({@code btn.edit.<topic>}); a correction goes on to the
     *     next question only while the topic stays the same
     * @param asked whether it is asked on the way forward, given the answers so far
     */
    record Question(State state, Field answers, String topic, Predicate<Draft> asked, Prompt prompt) {}

    private static final Predicate<Draft> ALWAYS = d -> true;

    /** The applicant's questions, in the order asked; the summary follows the last. */
    private static final List<Question> APPLICANT = List.of(
            new Question(State.REG_NAME, Field.NAME, "name", ALWAYS, Prompts::name),
            new Question(State.REG_BIRTH, Field.BIRTH_DATE, "birth", ALWAYS, Prompts::birth),
            new Question(State.REG_SEX, Field.SEX, "sex", ALWAYS, Prompts::sex),
            new Question(State.REG_CITIZENSHIP, Field.CITIZENSHIP, "citizenship", ALWAYS, Prompts::citizenship),
            new Question(State.REG_DOC_TYPE, Field.DOCUMENT_TYPE, "document", ALWAYS, Prompts::documentType),
            // A document of type "none" has no number to ask for.
            new Question(State.REG_DOC_NUMBER, Field.DOCUMENT_NUMBER, "document",
                    d -> !"none".equals(d.applicant.documentType), Prompts::documentNumber),
            new Question(State.REG_PHONE, Field.PHONE, "phone", ALWAYS, Prompts::phone),
            new Question(State.REG_LOCATION, Field.PLACE, "location", ALWAYS, Prompts::location),
            // The place question again, for a place typed by hand: only on purpose (its "other" button, or a shared
            // location far from every known place), never on the way forward.
            new Question(State.REG_LOCATION_OTHER, Field.PLACE, "location", d -> false, Prompts::otherLocation),
            new Question(State.REG_DESTINATION, Field.DESTINATION, "destination", ALWAYS, Prompts::destination),
            new Question(State.REG_DISTRICT, Field.DISTRICT, "destination", ALWAYS, Prompts::district),
            new Question(State.REG_FAMILY, null, "family", ALWAYS, Prompts::family),
            new Question(State.REG_NEEDS, null, "needs", ALWAYS, Prompts::needs));

    /** One family member's questions, asked after "add" on {@link State#REG_FAMILY}; back there after the last. */
    private static final List<Question> MEMBER = List.of(
            new Question(State.FAM_NAME, null, "family", ALWAYS, Prompts::memberName),
            new Question(State.FAM_BIRTH, null, "family", ALWAYS, Prompts::memberBirth),
            new Question(State.FAM_SEX, null, "family", ALWAYS, Prompts::memberSex),
            new Question(State.FAM_RELATION, null, "family", ALWAYS, Prompts::memberRelation));

    /**
     * The state after {@code answered}: the next question asked, or where its table ends. Correcting one answer
     * from the summary returns there once the answer is complete: a document type goes on to its number, a
     * destination to its district, a family member's questions to "add another / done".
     */
    static State next(State answered, Draft draft) {
        for (List<Question> table : List.of(APPLICANT, MEMBER)) {
            State end = table == APPLICANT ? State.REG_SUMMARY : State.REG_FAMILY;
            int i = indexOf(table, answered);
            if (i < 0) {
                continue;
            }
            State after = table.subList(i + 1, table.size()).stream()
                    .filter(q -> q.asked().test(draft)).findFirst().map(Question::state).orElse(end);
            boolean sameTopic = find(after).map(q -> q.topic().equals(table.get(i).topic())).orElse(false);
            return draft.editing && !sameTopic ? State.REG_SUMMARY : after;
        }
        // Not a question: nothing follows but the menu.
        return State.MENU;
    }

    /** The question that gives {@code field}, e.g. the one to ask when confirming found it missing. */
    static State asking(Field field) {
        return APPLICANT.stream().filter(q -> q.answers() == field).findFirst().orElseThrow().state();
    }

    /** The summary's edit buttons, in the order of the questions. */
    static List<String> topics() {
        return APPLICANT.stream().map(Question::topic).distinct().toList();
    }

    /** The first question of a topic, where its edit button leads. */
    static Optional<State> correcting(String topic) {
        return APPLICANT.stream().filter(q -> q.topic().equals(topic)).findFirst().map(Question::state);
    }

    /** The question asked in {@code state}, if it is one. */
    static Optional<Question> find(State state) {
        return all().stream().filter(q -> q.state() == state).findFirst();
    }

    /** Every question, the applicant's then one family member's. */
    static List<Question> all() {
        return Stream.of(APPLICANT, MEMBER).flatMap(List::stream).toList();
    }

    private static int indexOf(List<Question> table, State state) {
        for (int i = 0; i < table.size(); i++) {
            if (table.get(i).state() == state) {
                return i;
            }
        }
        return -1;
    }
}
