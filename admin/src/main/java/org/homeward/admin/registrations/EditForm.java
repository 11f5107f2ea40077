package org.homeward.admin.registrations;

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
 * "other"), place_other, destination, district, need.{code}, and f1.name, f1.birth, f1.sex, f1.relation… for the
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
        form.value("a.citizenship", f.applicant().citizenship())
                .value("a.doctype", f.applicant().documentType())
                .value("a.docnumber", f.applicant().documentNumber())
                .value("phone", f.phone())
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
                .value(prefix + ".sex", p.sex());
    }

    /** The typed fields over {@code stored} (family members keep their documents), checked. */
    static Parsed parse(Exchange ex, RegistrationForm stored, Names names, LocalDate today) {
        Form typed = Form.empty();
        for (String field : List.of("version", "a.name", "a.birth", "a.sex", "a.citizenship", "a.doctype",
                "a.docnumber", "phone", "place", "place_other", "destination", "district")) {
            typed.value(field, ex.form(field));
        }
        int version = (int) RegistrationsPage.number(ex.form("version"));

        String citizenship = choice(typed, "a.citizenship", Traveller.CITIZENSHIPS);
        String docType = choice(typed, "a.doctype", Traveller.DOCUMENT_TYPES);
        String docNumber = null;
        if (docType != null && !docType.equals("none")) {
            docNumber = checked(typed, "a.docnumber", Validation.documentNumber(typed.value("a.docnumber")));
        }
        Traveller applicant = new Traveller(checked(typed, "a.name", Validation.fullName(typed.value("a.name"))),
                checked(typed, "a.birth", Validation.birthDate(typed.value("a.birth"), today)),
                choice(typed, "a.sex", Traveller.SEXES), citizenship, "self", docType, docNumber);
        String phone = checked(typed, "phone", Validation.phone(typed.value("phone"), citizenship));

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
            String p = "f" + (i + 1);
            for (String f : List.of(".name", ".birth", ".sex", ".relation")) {
                typed.value(p + f, ex.form(p + f));
            }
            Traveller was = stored.family().get(i);
            family.add(new Traveller(checked(typed, p + ".name", Validation.fullName(typed.value(p + ".name"))),
                    checked(typed, p + ".birth", Validation.birthDate(typed.value(p + ".birth"), today)),
                    choice(typed, p + ".sex", Traveller.SEXES), was.citizenship(),
                    choice(typed, p + ".relation", Traveller.RELATIONS), was.documentType(), was.documentNumber()));
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
