package org.homeward.bot.conversation;

/**
 * Where a chat stands. Stored by name in {@code conversation.state}: rename a constant only with a migration.
 * Every transition is in {@link Machine}; each state has a prompt and a fallback in {@link Prompts}. The
 * registration's states (but the summary) are rows of {@link Questionnaire}, which gives their order.
 */
enum State {
    LANGUAGE,
    CONSENT,
    MENU,
    REG_NAME,
    REG_BIRTH,
    REG_SEX,
    REG_CITIZENSHIP,
    REG_DOC_TYPE,
    REG_DOC_NUMBER,
    REG_PHONE,
    REG_LOCATION,
    REG_LOCATION_OTHER,
    REG_DESTINATION,
    REG_DISTRICT,
    REG_FAMILY,
    FAM_NAME,
    FAM_BIRTH,
    FAM_SEX,
    FAM_RELATION,
    REG_NEEDS,
    REG_SUMMARY,
    MYDATA,
    CONFIRM_CANCEL,
    CONFIRM_DELETE;

    /** States of the registration questionnaire, whose answers live in the draft until confirmed. */
    boolean inRegistration() {
        return name().startsWith("REG_") || name().startsWith("FAM_");
    }
}
