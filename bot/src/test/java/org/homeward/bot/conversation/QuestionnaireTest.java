package org.homeward.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.homeward.core.registrations.Field;
import org.junit.jupiter.api.Test;

/** The questionnaire's order and its correcting rule, without a database: what the conversation tests walk through. */
class QuestionnaireTest {
    @Test
    void requiredQuestionsComeInTheCoresOrder() {
        // So the core's first missing answer (RegistrationForm.firstMissing) is the first unanswered question here.
        List<Field> declared = Questionnaire.all().stream().map(Questionnaire.Question::answers)
                .filter(Objects::nonNull).distinct().toList();
        assertThat(declared).containsExactly(Field.values());
        for (Field f : Field.values()) {
            assertThat(Questionnaire.find(Questionnaire.asking(f)).orElseThrow().answers()).isEqualTo(f);
        }
        assertThat(Questionnaire.asking(Field.PLACE)).isEqualTo(State.REG_LOCATION);
    }

    @Test
    void everyRegistrationStateButTheSummaryIsAQuestion() {
        List<State> questions = Stream.of(State.values()).filter(s -> s.inRegistration() && s != State.REG_SUMMARY).toList();
        assertThat(Questionnaire.all().stream().map(Questionnaire.Question::state).toList())
                .containsExactlyInAnyOrderElementsOf(questions);
    }

    @Test
    void aFirstPassAsksEveryQuestionInOrder() {
        Draft d = new Draft();
        d.applicant.documentType = "passport";
        assertThat(walk(State.REG_NAME, d, State.REG_SUMMARY)).containsExactly(State.REG_NAME, State.REG_BIRTH,
                State.REG_SEX, State.REG_CITIZENSHIP, State.REG_DOC_TYPE, State.REG_DOC_NUMBER, State.REG_PHONE,
                State.REG_LOCATION, State.REG_DESTINATION, State.REG_DISTRICT, State.REG_FAMILY, State.REG_NEEDS,
                State.REG_SUMMARY);
        d.applicant.documentType = "none";
        assertThat(Questionnaire.next(State.REG_DOC_TYPE, d)).isEqualTo(State.REG_PHONE);
        assertThat(Questionnaire.next(State.REG_LOCATION_OTHER, d)).isEqualTo(State.REG_DESTINATION);
        assertThat(walk(State.FAM_NAME, d, State.REG_FAMILY))
                .containsExactly(State.FAM_NAME, State.FAM_BIRTH, State.FAM_SEX, State.FAM_RELATION, State.REG_FAMILY);
        assertThat(Questionnaire.next(State.MENU, d)).isEqualTo(State.MENU);
    }

    @Test
    void aCorrectionReturnsToTheSummaryOnceTheAnswerIsComplete() {
        Draft d = new Draft();
        d.editing = true;
        d.applicant.documentType = "id_card";
        assertThat(Questionnaire.next(State.REG_DOC_TYPE, d)).isEqualTo(State.REG_DOC_NUMBER);
        assertThat(Questionnaire.next(State.REG_DOC_NUMBER, d)).isEqualTo(State.REG_SUMMARY);
        d.applicant.documentType = "none";
        assertThat(Questionnaire.next(State.REG_DOC_TYPE, d)).isEqualTo(State.REG_SUMMARY);
        assertThat(Questionnaire.next(State.REG_DESTINATION, d)).isEqualTo(State.REG_DISTRICT);
        assertThat(Questionnaire.next(State.REG_DISTRICT, d)).isEqualTo(State.REG_SUMMARY);
        assertThat(Questionnaire.next(State.FAM_SEX, d)).isEqualTo(State.FAM_RELATION);
        assertThat(Questionnaire.next(State.FAM_RELATION, d)).isEqualTo(State.REG_FAMILY);
        for (State s : List.of(State.REG_NAME, State.REG_BIRTH, State.REG_SEX, State.REG_CITIZENSHIP, State.REG_PHONE,
                State.REG_LOCATION, State.REG_LOCATION_OTHER, State.REG_FAMILY, State.REG_NEEDS)) {
            assertThat(Questionnaire.next(s, d)).as(s.name()).isEqualTo(State.REG_SUMMARY);
        }
    }

    @Test
    void theSummaryEditsEachTopicFromItsFirstQuestion() {
        assertThat(Questionnaire.topics()).containsExactly("name", "birth", "sex", "citizenship", "document", "phone",
                "location", "destination", "family", "needs");
        assertThat(Questionnaire.correcting("document")).contains(State.REG_DOC_TYPE);
        assertThat(Questionnaire.correcting("location")).contains(State.REG_LOCATION);
        assertThat(Questionnaire.correcting("destination")).contains(State.REG_DESTINATION);
        assertThat(Questionnaire.correcting("family")).contains(State.REG_FAMILY);
        assertThat(Questionnaire.correcting("nothing")).isEmpty();
    }

    @Test
    void theCoresFirstMissingAnswerIsTheNextQuestionAsked() {
        // Answer the questions one by one in order: before each required one, the core names it as first missing.
        Draft d = new Draft();
        State s = State.REG_NAME;
        while (s != State.REG_SUMMARY) {
            Field missing = d.toForm().firstMissing().orElse(null);
            Field asked = Questionnaire.find(s).orElseThrow().answers();
            if (asked != null) {
                assertThat(missing).as(s.name()).isEqualTo(asked);
            }
            answer(s, d);
            s = Questionnaire.next(s, d);
        }
        assertThat(d.toForm().firstMissing()).isEmpty();
    }

    private static void answer(State s, Draft d) {
        switch (s) {
            case REG_NAME -> d.applicant.fullName = "Karimov Aziz";
            case REG_BIRTH -> d.applicant.birthDate = LocalDate.of(1990, 3, 8).toString();
            case REG_SEX -> d.applicant.sex = "M";
            case REG_CITIZENSHIP -> d.applicant.citizenship = "TJ";
            case REG_DOC_TYPE -> d.applicant.documentType = "passport";
            case REG_DOC_NUMBER -> d.applicant.documentNumber = "A1234567";
            case REG_PHONE -> d.phone = "+992901234567";
            case REG_LOCATION -> d.locationId = 1;
            case REG_DESTINATION -> d.destinationId = 1;
            case REG_DISTRICT -> d.district = "Istaravshan";
            default -> { }
        }
    }

    private static List<State> walk(State from, Draft d, State until) {
        List<State> seen = new ArrayList<>(List.of(from));
        for (State s = from; s != until; ) {
            s = Questionnaire.next(s, d);
            seen.add(s);
        }
        return seen;
    }
}
