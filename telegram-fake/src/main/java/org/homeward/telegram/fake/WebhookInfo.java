package org.homeward.telegram.fake;

/** What {@code getWebhookInfo} would answer; url is empty when no webhook is set. */
public record WebhookInfo(String url, String secretToken, int pendingUpdateCount, String lastErrorMessage,
        long lastErrorDate, int deliveredCount) {}
