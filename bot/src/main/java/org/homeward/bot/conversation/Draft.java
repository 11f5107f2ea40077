package org.homeward.bot.conversation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.homeward.core.registrations.RegistrationForm;
import org.homeward.core.registrations.Traveller;

/**
 * The answers given so far, stored as jsonb in {@code conversation.draft} after every update. Mutable on purpose:
 * one update changes one or two fields; it never leaves the handling thread of its chat.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
final class Draft {
    /** Set when the draft edits a confirmed registration (from "My data") instead of making a new one. */
    Long registrationId;
    /** True while one field is corrected from the summary: answering it goes back to the summary. */
    boolean editing;
    /** Set when "Register" was pressed before consent: agreeing goes straight on to the registration. */
    boolean wantsRegistration;
    /** The registration question to come back to after the menu was opened in the middle of it. */
    State resume;
    /**
     * The number of the newest summary shown. Its confirm button carries it, so the button of an older summary,
     * which may show other answers than the draft holds now, cannot confirm.
     */
    int summary;

    Person applicant = new Person();
    String phone;
    Integer locationId;
    String locationOther;
    Integer destinationId;
    String district;
    List<Person> family = new ArrayList<>();
    /** The family member being asked about, added to {@link #family} once complete. */
    Person member;
    /** Where {@link #member} goes in {@link #family} when it corrects a member listed there; null for a new one. */
    Integer memberIndex;
    /**
     * Changes whenever {@link #family} does. The family list's buttons carry it with a member's place, so a button
     * of an older list cannot correct or remove whoever is at that place now.
     */
    int familyVersion;
    Set<String> needs = new LinkedHashSet<>();

    /** One traveller's answers. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class Person {
        String fullName;
        /** ISO date (yyyy-mm-dd). */
        String birthDate;
        /** F or M. */
        String sex;
        /** TJ, UZ or OTHER. */
        String citizenship;
        String relation;
        String documentType;
        String documentNumber;

        Traveller toTraveller() {
            return new Traveller(fullName, birthDate == null ? null : LocalDate.parse(birthDate), sex, citizenship,
                    relation, documentType, documentNumber);
        }

        static Person of(Traveller t) {
            Person p = new Person();
            p.fullName = t.fullName();
            p.birthDate = t.birthDate() == null ? null : t.birthDate().toString();
            p.sex = t.sex();
            p.citizenship = t.citizenship();
            p.relation = t.relation();
            p.documentType = t.documentType();
            p.documentNumber = t.documentNumber();
            return p;
        }
    }

    /** The answers as the core's registration form (what confirming saves). */
    RegistrationForm toForm() {
        return new RegistrationForm(registrationId, applicant.toTraveller(), phone, locationId, locationOther,
                destinationId, district, family.stream().map(Person::toTraveller).toList(), needs);
    }

    /** A stored registration as a draft, to be corrected from the summary. */
    static Draft of(RegistrationForm form) {
        Draft d = new Draft();
        d.registrationId = form.registrationId();
        d.phone = form.phone();
        d.locationId = form.locationId();
        d.locationOther = form.locationOther();
        d.destinationId = form.destinationId();
        d.district = form.district();
        d.needs = new LinkedHashSet<>(form.needs());
        d.applicant = Person.of(form.applicant());
        form.family().forEach(t -> d.family.add(Person.of(t)));
        return d;
    }

    /** True when nothing has been answered yet. */
    boolean isEmpty() {
        return registrationId == null && applicant.fullName == null && phone == null;
    }
}
