package org.homeward.admin;

import static org.homeward.admin.web.Access.anyone;
import static org.homeward.admin.web.Access.enrolment;
import static org.homeward.admin.web.Access.pastPassword;
import static org.homeward.admin.web.Access.roles;
import static org.homeward.admin.web.Access.secondFactor;
import static org.homeward.admin.web.Access.signedIn;
import static org.homeward.admin.web.Route.get;
import static org.homeward.admin.web.Route.post;

import java.util.List;
import org.homeward.admin.account.AccountActions;
import org.homeward.admin.account.Accounts;
import org.homeward.admin.account.Passwords;
import org.homeward.admin.audit.AuditActions;
import org.homeward.admin.broadcasts.BroadcastActions;
import org.homeward.admin.departures.DepartureActions;
import org.homeward.admin.duplicates.DuplicateActions;
import org.homeward.admin.home.HomePage;
import org.homeward.admin.registrations.RegistrationActions;
import org.homeward.admin.requirements.RequirementActions;
import org.homeward.admin.session.SessionActions;
import org.homeward.admin.settings.SettingsActions;
import org.homeward.admin.web.Role;
import org.homeward.admin.web.Route;
import org.homeward.admin.web.StaticFiles;
import org.homeward.db.Database;

/**
 * Every route of the admin app, in one table: method, path under /admin, who may use it, what it does. GETs change
 * nothing; every POST needs the session's CSRF token (checked before the action runs).
 */
final class AdminRoutes {
    private AdminRoutes() {}

    static List<Route> table(Database database, AdminConfig config, Passwords passwords) {
        Accounts accounts = new Accounts(database);
        SessionActions session = new SessionActions(database, accounts, passwords);
        AccountActions account = new AccountActions(database, accounts, passwords, config.publicUrl().toString());
        AuditActions audit = new AuditActions(database);
        RegistrationActions registrations = new RegistrationActions(database);
        DuplicateActions duplicates = new DuplicateActions(database);
        DepartureActions departures = new DepartureActions(database);
        SettingsActions settings = new SettingsActions(database);
        RequirementActions requirements = new RequirementActions(database);
        BroadcastActions broadcasts = new BroadcastActions(database, config.broadcastApprovalAbove(), config.simulator());
        return List.of(
                get("/", signedIn(), new HomePage(database)),

                get("/login", anyone(), session.loginPage()),
                post("/login", anyone(), session.login()),
                get("/login/totp", secondFactor(), session.secondFactorPage()),
                post("/login/totp", secondFactor(), session.secondFactor()),
                post("/logout", pastPassword(), session.logout()),

                get("/invite/{token}", anyone(), account.invitationPage()),
                post("/invite/{token}", anyone(), account.acceptInvitation()),

                get("/account", signedIn(), account.mine()),
                post("/account/language", signedIn(), account.language()),
                // Linking one's own Telegram (broadcast tests): any member, for their own account only.
                post("/account/telegram", signedIn(), account.telegramCode()),
                post("/account/telegram/unlink", signedIn(), account.telegramUnlink()),
                get("/account/totp", enrolment(), account.totpPage()),
                post("/account/totp", enrolment(), account.enrolTotp()),

                get("/accounts", roles(Role.ADMIN), account.list()),
                post("/accounts", roles(Role.ADMIN), account.invite()),
                post("/accounts/{id}/role", roles(Role.ADMIN), account.changeRole()),
                post("/accounts/{id}/disable", roles(Role.ADMIN), account.disable()),
                post("/accounts/{id}/enable", roles(Role.ADMIN), account.enable()),

                // Registrations: staff work on them, coordinators read them (need-to-know: admins manage accounts).
                get("/registrations", roles(Role.STAFF, Role.COORDINATOR), registrations.list()),
                // Exports carry passport numbers out of Homeward: coordinators (and admins) only, each one audited.
                get("/registrations/export", roles(Role.COORDINATOR, Role.ADMIN), registrations.exportPage()),
                post("/registrations/export", roles(Role.COORDINATOR, Role.ADMIN), registrations.export()),
                get("/registrations/{id}", roles(Role.STAFF, Role.COORDINATOR), registrations.detail()),
                post("/registrations/{id}", roles(Role.STAFF), registrations.correct()),
                post("/registrations/{id}/status", roles(Role.STAFF), registrations.status()),
                post("/registrations/{id}/notes", roles(Role.STAFF), registrations.note()),
                get("/duplicates", roles(Role.STAFF, Role.COORDINATOR), duplicates.list()),
                post("/duplicates/merge", roles(Role.STAFF), duplicates.merge()),
                post("/duplicates/different", roles(Role.STAFF), duplicates.different()),

                // Departures: staff plan them and give seats, coordinators read them and their passenger lists.
                get("/departures", roles(Role.STAFF, Role.COORDINATOR), departures.list()),
                post("/departures", roles(Role.STAFF), departures.create()),
                get("/departures/{id}", roles(Role.STAFF, Role.COORDINATOR), departures.detail()),
                post("/departures/{id}", roles(Role.STAFF), departures.edit()),
                // A manifest carries passport numbers out of Homeward, like an export: coordinators and admins, audited.
                get("/departures/{id}/manifest", roles(Role.COORDINATOR, Role.ADMIN), departures.manifest()),
                post("/departures/{id}/manifest", roles(Role.COORDINATOR, Role.ADMIN), departures.manifest()),
                post("/departures/{id}/assign", roles(Role.STAFF), departures.assign()),
                post("/departures/{id}/fill", roles(Role.STAFF), departures.fill()),
                post("/departures/{id}/unassign", roles(Role.STAFF), departures.unassign()),
                post("/departures/{id}/cancel", roles(Role.STAFF), departures.cancel()),
                post("/departures/{id}/departed", roles(Role.STAFF), departures.depart()),

                // Operation settings: admins change them; every role reads them (the hotline, the retention rule).
                get("/settings", signedIn(), settings.page()),
                post("/settings", roles(Role.ADMIN), settings.save()),
                post("/settings/consent", roles(Role.ADMIN), settings.raiseConsent()),
                // Requirements: staff publish them (each publish tells the people on the route), coordinators read them.
                // "new" comes before "{id}": the first route matching a path is used.
                get("/requirements", roles(Role.STAFF, Role.COORDINATOR), requirements.list()),
                get("/requirements/new", roles(Role.STAFF), requirements.newForm()),
                post("/requirements/new", roles(Role.STAFF), requirements.create()),
                post("/requirements/{id}/preview", roles(Role.STAFF), requirements.preview()),
                get("/requirements/{id}", roles(Role.STAFF, Role.COORDINATOR), requirements.detail()),
                post("/requirements/{id}", roles(Role.STAFF), requirements.edit()),
                post("/requirements/{id}/deactivate", roles(Role.STAFF), requirements.deactivate()),
                get("/requirements/{id}/history", roles(Role.STAFF, Role.COORDINATOR), requirements.history()),

                // Broadcasts: staff write, approve (a second member) and control them; coordinators follow them.
                get("/broadcasts", roles(Role.STAFF, Role.COORDINATOR), broadcasts.list()),
                post("/broadcasts", roles(Role.STAFF), broadcasts.create()),
                get("/broadcasts/new", roles(Role.STAFF), broadcasts.composer()),
                post("/broadcasts/new/preview", roles(Role.STAFF), broadcasts.preview()),
                get("/broadcasts/{id}", roles(Role.STAFF, Role.COORDINATOR), broadcasts.detail()),
                get("/broadcasts/{id}/progress", roles(Role.STAFF, Role.COORDINATOR), broadcasts.progress()),
                post("/broadcasts/{id}/send", roles(Role.STAFF), broadcasts.send()),
                post("/broadcasts/{id}/approve", roles(Role.STAFF), broadcasts.approve()),
                post("/broadcasts/{id}/cancel", roles(Role.STAFF), broadcasts.cancel()),
                post("/broadcasts/{id}/pause", roles(Role.STAFF), broadcasts.pause()),
                post("/broadcasts/{id}/resume", roles(Role.STAFF), broadcasts.resume()),
                post("/broadcasts/{id}/stop", roles(Role.STAFF), broadcasts.stop()),
                post("/broadcasts/{id}/test", roles(Role.STAFF), broadcasts.test()),

                get("/audit", roles(Role.ADMIN), audit.list()),
                get("/audit/check", roles(Role.ADMIN), audit.check()),

                get(StaticFiles.CSS_PATH, anyone(), StaticFiles.css()),
                get(StaticFiles.HTMX_PATH, anyone(), StaticFiles.htmx()));
    }
}
