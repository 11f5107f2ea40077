package org.homeward.admin.home;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.homeward.admin.web.Action;
import org.homeward.admin.web.Exchange;
import org.homeward.admin.web.Result;
import org.homeward.admin.web.Role;
import org.homeward.admin.web.Texts;
import org.homeward.core.places.Places;
import org.homeward.core.registrations.RegistrationSearch;
import org.homeward.core.registrations.RegistrationStats;
import org.homeward.db.Database;
import org.homeward.db.enums.StaffStatus;
import org.homeward.i18n.StaffLanguage;

/**
 * The page after login, the dashboard: registrations per day and counts by place, destination, status, need and
 * language as charts; for staff and coordinators also who has waited longest and who needs attention now (admins
 * see the figures, not the people: their role is the accounts and the audit log).
 */
public final class HomePage implements Action {
    /** How many days the per-day chart covers. */
    static final int DAYS = 30;
    static final int PEOPLE = 10;

    private final Database database;

    public HomePage(Database database) {
        this.database = database;
    }

    @Override
    public Result handle(Exchange exchange) {
        Texts t = exchange.texts();
        boolean ru = t.language() == StaffLanguage.RU;
        boolean people = exchange.session().role() != Role.ADMIN;
        LocalDate today = exchange.now().atZone(ZoneOffset.UTC).toLocalDate();
        return database.dsl().transactionResult(c -> {
            var tx = c.dsl();
            RegistrationStats stats = new RegistrationStats(tx);
            Places places = new Places(tx);
            Map<Integer, String> placeNames = new LinkedHashMap<>();
            places.locations().forEach(l -> placeNames.put(l.getId(), ru ? l.getNameRu() : l.getNameUz()));
            Map<Integer, String> destinationNames = new LinkedHashMap<>();
            places.destinations().forEach(d -> destinationNames.put(d.getId(), ru ? d.getNameRu() : d.getNameUz()));

            Map<String, Integer> perDay = new LinkedHashMap<>();
            stats.perDay(today.minusDays(DAYS - 1), today).forEach((d, n) -> perDay.put(d.toString(), n));

            Map<String, Integer> byPlace = new LinkedHashMap<>();
            Map<String, String> placeLinks = new LinkedHashMap<>();
            stats.byPlace().forEach((id, n) -> {
                String name = id == 0 ? t.get("dashboard.other_place") : placeNames.getOrDefault(id, "#" + id);
                byPlace.put(name, n);
                if (id != 0) {
                    placeLinks.put(name, "/admin/registrations?place=" + id);
                }
            });
            Map<String, Integer> byDestination = new LinkedHashMap<>();
            Map<String, String> destinationLinks = new LinkedHashMap<>();
            stats.byDestination().forEach((id, n) -> {
                String name = destinationNames.getOrDefault(id, "#" + id);
                byDestination.put(name, n);
                destinationLinks.put(name, "/admin/registrations?destination=" + id);
            });
            Map<String, Integer> byStatus = new LinkedHashMap<>();
            Map<String, String> statusLinks = new LinkedHashMap<>();
            for (Map.Entry<StaffStatus, Integer> e : stats.byStatus().entrySet()) {
                String name = t.get("status." + e.getKey().getLiteral());
                byStatus.put(name, e.getValue());
                statusLinks.put(name, "/admin/registrations?status=" + e.getKey().getLiteral());
            }
            Map<String, Integer> byNeed = new LinkedHashMap<>();
            Map<String, String> needLinks = new LinkedHashMap<>();
            Map<String, Integer> needs = stats.byNeed();
            Map<String, Integer> urgent = new LinkedHashMap<>();
            RegistrationStats.URGENT.forEach(n -> urgent.put(n, needs.getOrDefault(n, 0)));
            needs.forEach((need, n) -> {
                String name = t.get("need." + need);
                byNeed.put(name, n);
                needLinks.put(name, "/admin/registrations?need=" + need);
            });
            Map<String, Integer> byLanguage = new LinkedHashMap<>();
            Map<String, String> languageLinks = new LinkedHashMap<>();
            stats.byLanguage().forEach((language, n) -> {
                String name = t.get("language." + (language.equals("-") ? "none" : language));
                byLanguage.put(name, n);
                if (!language.equals("-")) {
                    languageLinks.put(name, "/admin/registrations?language=" + language);
                }
            });
            List<Chart> charts = List.of(
                    Chart.bars("chart-place", t.get("dashboard.by_place"), byPlace, placeLinks),
                    Chart.bars("chart-destination", t.get("dashboard.by_destination"), byDestination, destinationLinks),
                    Chart.bars("chart-status", t.get("dashboard.by_status"), byStatus, statusLinks),
                    Chart.bars("chart-need", t.get("dashboard.by_need"), byNeed, needLinks),
                    Chart.bars("chart-language", t.get("dashboard.by_language"), byLanguage, languageLinks));
            List<RegistrationSearch.Row> waiting = people ? stats.waitingLongest(PEOPLE) : List.of();
            List<RegistrationSearch.Row> attention = people ? stats.needingAttention(PEOPLE) : List.of();
            return exchange.render("home.jte",
                    "perDay", Chart.columns("chart-day", t.get("dashboard.per_day", "days", DAYS), perDay),
                    "charts", charts, "people", people, "waiting", waiting, "attention", attention,
                    "urgent", urgent, "placeNames", placeNames, "today", today);
        });
    }
}
