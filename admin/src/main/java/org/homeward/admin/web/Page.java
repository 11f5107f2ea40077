package org.homeward.admin.web;

/** What every page's layout needs: the texts, the member (if any), the CSRF token and the asset paths. */
public final class Page {
    private final Texts texts;
    private final Session session;
    private final String nav;
    private final String here;

    Page(Texts texts, Session session, String nav, String here) {
        this.texts = texts;
        this.session = session;
        this.nav = nav;
        this.here = here;
    }

    /** The path and query of this page, to come back to after switching the language. */
    public String here() {
        return here;
    }

    /** The other interface language's code, for the switch. */
    public String otherLang() {
        return texts.language() == org.homeward.i18n.StaffLanguage.RU ? "en" : "ru";
    }

    /** The texts in the member's language. */
    public Texts t() {
        return texts;
    }

    /** The interface language's code (ru, en), for the html lang attribute. */
    public String lang() {
        return texts.language().code();
    }

    /** The session's CSRF token, or "" without a session. */
    public String csrf() {
        return session == null ? "" : session.csrf();
    }

    /** True when logged in (past every login step): the navigation is shown. */
    public boolean signedIn() {
        return session != null && session.stage() == Stage.FULL;
    }

    /** True when logged in or part-way (the logout button is shown). */
    public boolean pastPassword() {
        return session != null && session.stage() != Stage.ANONYMOUS;
    }

    /** The member's email, or "". */
    public String email() {
        return session == null || session.email() == null ? "" : session.email();
    }

    /** True for a logged-in admin (the accounts and audit links are shown). */
    public boolean admin() {
        return signedIn() && session.role() == Role.ADMIN;
    }

    /** True for logged-in staff and coordinators (the registrations and duplicates links are shown). */
    public boolean registrations() {
        return signedIn() && (session.role() == Role.STAFF || session.role() == Role.COORDINATOR);
    }

    /** True for logged-in coordinators and admins, who may export registrations. */
    public boolean exports() {
        return signedIn() && (session.role() == Role.COORDINATOR || session.role() == Role.ADMIN);
    }

    /** The key of the member's role name, e.g. role.staff. */
    public String roleKey() {
        return session == null || session.role() == null ? "" : "role." + session.role().code();
    }

    /** The navigation entry this page belongs to, for highlighting. */
    public String nav() {
        return nav;
    }

    /** A path of the admin app: "/accounts" is "/admin/accounts". */
    public String path(String adminPath) {
        return AdminHandler.BASE + adminPath;
    }

    /** The stylesheet's path. */
    public String css() {
        return AdminHandler.BASE + StaticFiles.CSS_PATH;
    }

    /** htmx's path. */
    public String htmx() {
        return AdminHandler.BASE + StaticFiles.HTMX_PATH;
    }
}
