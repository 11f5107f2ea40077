package org.homeward.admin.broadcasts;

import java.util.List;
import java.util.Map;
import org.homeward.core.broadcasts.Broadcasts.Broadcast;
import org.homeward.i18n.Language;

/**
 * What a broadcast's page shows (public for the precompiled template).
 *
 * @param perLanguage the text each recipient language gets, by the language plan
 * @param mine true when the member looking wrote it (and so cannot approve it)
 * @param linked true when the member looking has linked their Telegram (for tests)
 */
public record BroadcastView(Broadcast b, String author, String approver, Map<Language, String> perLanguage,
                            int countNow, String audience, boolean staff, boolean mine, boolean linked,
                            boolean simulator, int threshold, List<String> zones) {}
