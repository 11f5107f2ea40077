package org.homeward.admin.registrations;

import org.homeward.admin.web.Names;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Form;
import org.homeward.core.registrations.RegistrationForm;
import org.homeward.core.registrations.Traveller;
import org.homeward.core.registrations.Validation;

/**
 * The correction form: a stored registration as form fields, and typed fields back into a registration form,
 * each checked by the core's {@link Validation} (the bot's rules), every error kept next to its field with the
 * typed text. Fields: a.name, a.birth, a.sex, a.citizenship, a.doctype, a.docnumber, phone, place (an id or
 * "other"), place_other, destination, district, need.{code}, and f1.name, f1.birth, f1.sex, f1.citizenship,
 * f1.doctype, f1.docnumber, f1.relation… for the
 * family; version is the registration's version the form was read at.
 */
final class EditForm {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    /** A parsed form: the registration form when every field is valid, else null; and what was typed. */
    record Parsed(RegistrationForm form, Form typed, int version) {}

    private EditForm() {}

    /** The stored registration's fields, to show in the form. */
    static Form of(RegistrationForm f, int version) {
        Form form = Form.empty().value("version", String.valueOf(version));
        person(form, "a", f.applicant());
        form.value("phone", f.phone())
                .value("place", f.locationId() != null ? f.locationId().toString() : f.locationOther() != null ? "other" : "")
                .value("place_other", f.locationOther())
                .value("destination", f.destinationId() == null ? "" : f.destinationId().toString())
                .value("district", f.district());
        for (String need : f.needs()) {
            form.value("need." + need, "on");
        }
        for (int i = 0; i < f.family().size(); i++) {
            Traveller p = f.family().get(i);
            person(form, "f" + (i + 1), p);
            form.value("f" + (i + 1) + ".relation", p.relation());
        }
        return form;
    }

    private static void person(Form form, String prefix, Traveller p) {
        form.value(prefix + ".name", p.fullName())
                .value(prefix + ".birth", p.birthDate() == null ? "" : DAY.format(p.birthDate()))
                .value(prefix + ".sex", p.sex())
                .value(prefix + ".citizenship", p.citizenship())
                .value(prefix + ".doctype", p.documentType())
                .value(prefix + ".docnumber", p.documentNumber());
    }

    /** One traveller's typed fields, checked by the bot's rules; {@code relation} null to read it from the form. */
    private static Traveller traveller(Exchange ex, Form typed, String prefix, String relation, LocalDate today) {
        for (String f : List.of(".name", ".birth", ".sex", ".citizenship", ".doctype", ".docnumber", ".relation")) {
            typed.value(prefix + f, ex.form(prefix + f));
        }
        // The bot asks family members only their name, birth date, sex and relation (the least data needed); staff
        // may add a member's citizenship and document when they learn them, and may leave them empty.
        boolean optional = relation == null;
        String citizenship = optional && typed.value(prefix + ".citizenship").isEmpty() ? null
                : choice(typed, prefix + ".citizenship", Traveller.CITIZENSHIPS);
        String docType = optional && typed.value(prefix + ".doctype").isEmpty() ? null
                : choice(typed, prefix + ".doctype", Traveller.DOCUMENT_TYPES);
        String docNumber = null;
        if (docType != null && !docType.equals("none")) {
            docNumber = checked(typed, prefix + ".docnumber", Validation.documentNumber(typed.value(prefix + ".docnumber")));
        }
        return new Traveller(checked(typed, prefix + ".name", Validation.fullName(typed.value(prefix + ".name"))),
                checked(typed, prefix + ".birth", Validation.birthDate(typed.value(prefix + ".birth"), today)),
                choice(typed, prefix + ".sex", Traveller.SEXES), citizenship,
                relation != null ? relation : choice(typed, prefix + ".relation", Traveller.RELATIONS), docType, docNumber);
    }

    /** The typed fields of {@code stored}'s applicant and family members, checked by the bot's rules. */
    static Parsed parse(Exchange ex, RegistrationForm stored, Names names, LocalDate today) {
        Form typed = Form.empty();
        for (String field : List.of("version", "phone", "place", "place_other", "destination", "district")) {
            typed.value(field, ex.form(field));
        }
        int version = (int) RegistrationsPage.number(ex.form("version"));

        Traveller applicant = traveller(ex, typed, "a", "self", today);
        String phone = checked(typed, "phone", Validation.phone(typed.value("phone"), applicant.citizenship()));

        Integer locationId = null;
        String locationOther = null;
        if (typed.value("place").equals("other")) {
            locationOther = checked(typed, "place_other", Validation.place(typed.value("place_other")));
        } else {
            Integer id = RegistrationsPage.integer(typed.value("place"));
            if (id == null || !names.places().containsKey(id)) {
                typed.error("place", typed.value("place").isEmpty() ? "problem.required" : "problem.choose");
            } else {
                locationId = id;
            }
        }
        Integer destinationId = RegistrationsPage.integer(typed.value("destination"));
        if (destinationId == null || !names.destinations().containsKey(destinationId)) {
            typed.error("destination", "problem.required");
            destinationId = null;
        }
        String district = checked(typed, "district", Validation.place(typed.value("district")));

        Set<String> needs = new LinkedHashSet<>();
        for (String need : RegistrationForm.NEEDS) {
            if (!ex.form("need." + need).isEmpty()) {
                needs.add(need);
                typed.value("need." + need, "on");
            }
        }

        List<Traveller> family = new ArrayList<>();
        for (int i = 0; i < stored.family().size(); i++) {
            family.add(traveller(ex, typed, "f" + (i + 1), null, today));
        }
        RegistrationForm form = new RegistrationForm(stored.registrationId(), applicant, phone, locationId,
                locationOther, destinationId, district, family, needs);
        return new Parsed(typed.valid() ? form : null, typed, version);
    }

    private static <T> T checked(Form typed, String field, Validation.Checked<T> checked) {
        if (typed.value(field).isBlank()) {
            typed.error(field, "problem.required");
            return null;
        }
        return switch (checked) {
            case Validation.Checked.Valid<T> v -> v.value();
            case Validation.Checked.Invalid<T> i -> {
                typed.error(field, "problem." + i.problem().name().toLowerCase(Locale.ROOT));
                yield null;
            }
        };
    }

    private static String choice(Form typed, String field, List<String> allowed) {
        String v = typed.value(field);
        if (v.isEmpty()) {
            typed.error(field, "problem.required");
            return null;
        }
        if (!allowed.contains(v)) {
            typed.error(field, "problem.choose");
            return null;
        }
        return v;
    }
}
