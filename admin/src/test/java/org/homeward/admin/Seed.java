package org.homeward.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.homeward.core.Domain;
import org.homeward.core.registrations.Confirmation;
import org.homeward.core.registrations.RegistrationCodes;
import org.homeward.core.registrations.RegistrationForm;
import org.homeward.core.registrations.Traveller;
import org.homeward.db.Database;
import org.homeward.i18n.Language;

/** Registrations made the way the bot makes them (the core's confirm), for the admin app's tests. */
final class Seed {
    private final Database database;
    private final RegistrationCodes codes = new RegistrationCodes(new Random(12));
    private long nextChat = 5000;

    Seed(Database database) {
        this.database = database;
    }

    /** A registered person: their chat and registration ids and code. */
    record Made(long chatId, long id, String code) {}

    /** A registration by a person writing in {@code language}; {@code family} members are children. */
    Made register(Language language, String name, LocalDate birth, String document, String phone, String place,
            String destination, Set<String> needs, Instant at, String... family) {
        long chat = nextChat++;
        return database.dsl().transactionResult(c -> {
            Domain d = Domain.on(c.dsl(), codes);
            d.people().touch(chat, at);
            d.people().setLanguage(chat, language);
            int placeId = c.dsl().fetchSingle("select id from location where code = ?", place).get(0, Integer.class);
            int destinationId = c.dsl().fetchSingle("select id from destination where code = ?", destination)
                    .get(0, Integer.class);
            List<Traveller> kids = java.util.Arrays.stream(family)
                    .map(n -> new Traveller(n, LocalDate.of(2016, 5, 1), "F", null, "child", null, null)).toList();
            RegistrationForm form = new RegistrationForm(null,
                    new Traveller(name, birth, "M", "TJ", "self", "passport", document), phone, placeId, null,
                    destinationId, "Истаравшан", kids, needs);
            Confirmation result = d.registrations().confirm(chat, form, at);
            if (!(result instanceof Confirmation.Saved saved)) {
                throw new IllegalStateException("not saved: " + result);
            }
            return new Made(chat, saved.registrationId(), saved.code());
        });
    }

    Made register(String name, String document, String phone) {
        return register(Language.RU, name, LocalDate.of(1990, 3, 8), document, phone, "zhibek_zholy", "tj_sughd",
                Set.of(), Instant.parse("2026-08-20T10:00:00Z"));
    }
}
