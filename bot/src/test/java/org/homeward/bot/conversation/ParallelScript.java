package org.homeward.bot.conversation;

import java.util.ArrayList;
import java.util.List;

/** A whole registration as raw updates of one chat, for handing to the conversation from many threads at once. */
final class ParallelScript {
    private ParallelScript() {}

    private static int ids = 1_000_000;

    private static synchronized int next() {
        return ++ids;
    }

    static List<String> steps(long chat, String phone, String doc, int destinationId, int locationId) {
        List<String> steps = new ArrayList<>();
        steps.add(text(chat, "/start"));
        steps.add(press(chat, "LANGUAGE:ru"));
        steps.add(press(chat, "CONSENT:yes"));
        steps.add(text(chat, Ui.t(org.homeward.i18n.Language.RU, "btn.menu.register")));
        steps.add(text(chat, "Параллельный Тест"));
        steps.add(text(chat, "01.01.1980"));
        steps.add(press(chat, "REG_SEX:F"));
        steps.add(press(chat, "REG_CITIZENSHIP:TJ"));
        steps.add(press(chat, "REG_DOC_TYPE:passport"));
        steps.add(text(chat, doc));
        steps.add(text(chat, phone));
        steps.add(press(chat, "REG_LOCATION:" + locationId));
        steps.add(press(chat, "REG_DESTINATION:" + destinationId));
        steps.add(text(chat, "Бохтар"));
        steps.add(press(chat, "REG_FAMILY:done"));
        steps.add(press(chat, "REG_NEEDS:done"));
        // The first summary shown is number 1: only its own confirm button confirms.
        steps.add(press(chat, "REG_SUMMARY:confirm.1"));
        return steps;
    }

    private static String text(long chat, String text) {
        String entities = text.startsWith("/") ? ", \"entities\": [{\"type\": \"bot_command\", \"offset\": 0, \"length\": " + text.length() + "}]" : "";
        return """
                {"update_id": %d, "message": {"message_id": %d, "date": 1795000000,
                  "from": {"id": %d, "is_bot": false, "first_name": "P", "language_code": "ru"},
                  "chat": {"id": %d, "type": "private"}, "text": "%s"%s}}""".formatted(next(), next(), chat, chat, text, entities);
    }

    private static String press(long chat, String data) {
        return """
                {"update_id": %d, "callback_query": {"id": "p%d", "chat_instance": "c",
                  "from": {"id": %d, "is_bot": false, "first_name": "P", "language_code": "ru"},
                  "message": {"message_id": 1, "date": 1795000000, "chat": {"id": %d, "type": "private"}, "text": "…"},
                  "data": "%s"}}""".formatted(next(), next(), chat, chat, data);
    }
}
