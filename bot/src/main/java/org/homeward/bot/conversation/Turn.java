package org.homeward.bot.conversation;

import java.time.Instant;
import java.time.LocalDate;
import org.homeward.core.Domain;
import org.homeward.db.jooq.tables.records.DestinationRecord;
import org.homeward.db.jooq.tables.records.LocationRecord;
import org.homeward.db.jooq.tables.records.OperationSettingsRecord;
import org.homeward.db.jooq.tables.records.TelegramUserRecord;
import org.homeward.i18n.Language;

/**
 * What one update of one chat works with, shared by the state table ({@link Machine}), its questions
 * ({@link Prompts}) and its read-only texts ({@link Views}): the domain inside the update's transaction, the replies
 * being collected, the clock's reading, and the person as stored.
 */
final class Turn {
    final Domain domain;
    final Ui ui;
    final long chatId;
    final Instant now;
    final LocalDate today;
    final Conversation.Settings settings;
    /** Telegram's language_code as one of ours, for the very first greeting only; null when none fits. */
    final Language preferred;
    private TelegramUserRecord user;
    private OperationSettingsRecord operation;

    Turn(Domain domain, Ui ui, long chatId, Instant now, LocalDate today, Conversation.Settings settings,
            TelegramUserRecord user, Language preferred) {
        this.domain = domain;
        this.ui = ui;
        this.chatId = chatId;
        this.now = now;
        this.today = today;
        this.settings = settings;
        this.user = user;
        this.preferred = preferred;
    }

    /** The person as stored, with their language and consent. */
    TelegramUserRecord user() {
        return user;
    }

    /** The person as stored again after the state table changed their language or consent. */
    void user(TelegramUserRecord changed) {
        user = changed;
    }

    /** The operation's settings, read once per update and only when a text needs them. */
    OperationSettingsRecord operation() {
        if (operation == null) {
            operation = domain.settings().current();
        }
        return operation;
    }

    String operationName() {
        return text(operation().getNameTg(), operation().getNameRu(), operation().getNameUz());
    }

    /** Who receives the passenger lists, as the privacy notice names them. */
    String recipients() {
        return text(operation().getRecipientsTg(), operation().getRecipientsRu(), operation().getRecipientsUz());
    }

    /** Consent given to the current version of the privacy notice. */
    boolean consented() {
        return user.getConsentVersion() != null && user.getConsentVersion() >= operation().getConsentVersion();
    }

    /** Neither consented to the current notice nor declined: the notice is shown before anything else. */
    boolean consentUndecided() {
        return !consented() && user.getConsentDeclinedAt() == null;
    }

    /** Has a live registration (the menu then offers "My registration" instead of "Register"). */
    boolean registered() {
        return domain.registrations().live(chatId).isPresent();
    }

    /** The one of three texts stored per language that is in the person's language. */
    String text(String tg, String ru, String uz) {
        return switch (ui.language()) {
            case TG -> tg;
            case RU -> ru;
            case UZ -> uz;
        };
    }

    String name(LocationRecord l) {
        return text(l.getNameTg(), l.getNameRu(), l.getNameUz());
    }

    String name(DestinationRecord d) {
        return text(d.getNameTg(), d.getNameRu(), d.getNameUz());
    }
}
