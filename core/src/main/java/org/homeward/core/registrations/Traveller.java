package org.homeward.core.registrations;

import java.time.LocalDate;
import java.util.List;

/**
 * One person travelling on a registration: the applicant or a family member. Fields are null until answered.
 *
 * @param relation to the applicant ({@link #RELATIONS}); {@code self} or null for the applicant
 * @param sex F or M
 * @param citizenship one of {@link #CITIZENSHIPS}
 * @param documentType one of {@link #DOCUMENT_TYPES}
 * @param documentNumber normalised by {@link Validation#documentNumber}; null when the type is {@code none}
 */
public record Traveller(String fullName, LocalDate birthDate, String sex, String citizenship, String relation,
                        String documentType, String documentNumber) {
    /** Sexes as stored. */
    public static final List<String> SEXES = List.of("F", "M");
    /** Citizenship stored for "other": ISO 3166's user-assigned code for an unknown state. */
    public static final String OTHER_CITIZENSHIP = "XX";
    /** The citizenships asked for. */
    public static final List<String> CITIZENSHIPS = List.of("TJ", "UZ", OTHER_CITIZENSHIP);
    /** Kinds of identity document; {@code none} has no number. */
    public static final List<String> DOCUMENT_TYPES = List.of("passport", "id_card", "birth_certificate", "other", "none");
    /** How a family member is related to the applicant. */
    public static final List<String> RELATIONS = List.of("spouse", "child", "parent", "sibling", "other");

    /** True when the document needs a number that is not given yet. */
    public boolean lacksDocumentNumber() {
        return !"none".equals(documentType) && documentNumber == null;
    }
}
