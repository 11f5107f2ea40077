package org.homeward.core;

import org.homeward.core.departures.Departures;
import org.homeward.core.outbox.Outbox;
import org.homeward.core.people.People;
import org.homeward.core.places.Places;
import org.homeward.core.registrations.RegistrationCodes;
import org.homeward.core.registrations.Registrations;
import org.homeward.core.requirements.Requirements;
import org.homeward.core.settings.OperationSettings;
import org.jooq.DSLContext;

/**
 * Every feature's repository on one transaction, for a front end (the bot's conversation, the admin app) that
 * works on several features in one unit of work. Cheap to make: one per transaction.
 */
public record Domain(People people, Places places, Registrations registrations, Departures departures,
                     Requirements requirements, OperationSettings settings, Outbox outbox) {
    /** The repositories working on {@code tx}; new registrations are numbered by {@code codes}. */
    public static Domain on(DSLContext tx, RegistrationCodes codes) {
        return new Domain(new People(tx), new Places(tx), new Registrations(tx, codes), new Departures(tx),
                new Requirements(tx), new OperationSettings(tx), new Outbox());
    }
}
