package org.homeward.core.registrations;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A registration as entered (in the chat, or corrected by staff), before it is saved: the applicant, how to reach
 * them, where they are and where they are going, their family and their needs.
 *
 * @param registrationId the registration this corrects, or null for a new one
 * @param locationOther a place typed by the person when none of the known ones fits (then locationId is null)
 * @param needs a subset of {@link #NEEDS}, in the order chosen
 */
public record RegistrationForm(Long registrationId, Traveller applicant, String phone, Integer locationId,
                               String locationOther, Integer destinationId, String district, List<Traveller> family,
                               Set<String> needs) {
    /** The needs that can be declared, most urgent first. */
    public static final List<String> NEEDS = List.of(
            "pregnancy", "illness", "disability", "elderly", "unaccompanied_child", "no_food_water", "no_shelter");

    /** Copies the lists. */
    public RegistrationForm {
        family = List.copyOf(family);
        needs = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(needs));
    }

    /** True when {@code field} is answered (a document of type {@code none} needs no number). */
    public boolean has(Field field) {
        return switch (field) {
            case NAME -> applicant.fullName() != null;
            case BIRTH_DATE -> applicant.birthDate() != null;
            case SEX -> applicant.sex() != null;
            case CITIZENSHIP -> applicant.citizenship() != null;
            case DOCUMENT_TYPE -> applicant.documentType() != null;
            case DOCUMENT_NUMBER -> applicant.documentType() != null && !applicant.lacksDocumentNumber();
            case PHONE -> phone != null;
            case PLACE -> locationId != null || locationOther != null;
            case DESTINATION -> destinationId != null;
            case DISTRICT -> district != null;
        };
    }

    /** The first answer still missing, in the order they are asked; empty when the form is complete. */
    public Optional<Field> firstMissing() {
        return Stream.of(Field.values()).filter(f -> !has(f)).findFirst();
    }

    /** Everyone travelling: the applicant first, then the family in the order given. */
    public List<Traveller> travellers() {
        return Stream.concat(Stream.of(applicant), family.stream()).toList();
    }
}
