package org.homeward.admin.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was typed into a form and what is wrong with it, so a refused form is shown again with the typed text
 * kept and each error next to its field. Errors are text keys, shown in the member's language.
 */
public final class Form {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();

    /** An empty form. */
    public static Form empty() {
        return new Form();
    }

    /** Keeps a typed value (never a password: those are not shown again). */
    public Form value(String field, String value) {
        values.put(field, value == null ? "" : value);
        return this;
    }

    /** The typed value of a field, or "". */
    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    /** Marks a field as wrong, with the key of the text that says why. */
    public Form error(String field, String textKey) {
        errors.putIfAbsent(field, textKey);
        return this;
    }

    /** The key of the text saying what is wrong with a field, or null. */
    public String error(String field) {
        return errors.get(field);
    }

    /** True when no field is wrong. */
    public boolean valid() {
        return errors.isEmpty();
    }
}
