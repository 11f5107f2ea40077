package org.homeward.bot.delivery;

import java.util.ArrayList;
import java.util.List;
import org.homeward.bot.testing.BotFixture;
import org.homeward.telegram.fake.ApiCall;
import org.homeward.telegram.fake.FakeBot;
import org.jooq.DSLContext;

/** The fixture's fake Bot API (module telegram-fake) as the delivery tests use it: the bot, its sends, its faults. */
final class Fake {
    /** One sendMessage call as the fake saw it. */
    record Call(long chatId, String text, boolean paid, boolean hasKeyboard, long atNanos, long atMillis, int status) {}

    final FakeBot bot;

    private Fake(FakeBot bot) {
        this.bot = bot;
    }

    /** The fixture's bot, with Telegram's limits switched on at {@code botLimit} sends per second (0: off). */
    static Fake of(BotFixture fixture, int botLimit) {
        FakeBot bot = fixture.bot();
        if (botLimit > 0) {
            bot.limits().perSecond(botLimit).enabled(true);
        }
        return new Fake(bot);
    }

    /** {@code count} simulated users, also known to Homeward (telegram_user rows), languages ru, tg, uz in turn. */
    long[] people(DSLContext dsl, int count) {
        String[] languages = {"ru", "tg", "uz"};
        long[] ids = new long[count];
        List<Long> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids[i] = bot.newUser("U" + i, languages[i % 3]).chatId();
            list.add(ids[i]);
        }
        dsl.execute("insert into telegram_user (chat_id, language) select id, (array['ru','tg','uz'])[1 + ((ord - 1) % 3)::int]"
                + " from unnest(?::bigint[]) with ordinality as t(id, ord)", (Object) list.toArray(Long[]::new));
        return ids;
    }

    /** The next {@code n} sends get 429 with {@code retryAfter} seconds. */
    void throttleNext(int n, int retryAfter) {
        bot.faults().tooManyRequests(n, retryAfter);
    }

    /** The next {@code n} sendMessage calls get 502. */
    void failNext(int n) {
        bot.faults().serverErrors("sendMessage", n, 502);
    }

    List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        for (ApiCall c : bot.calls("sendMessage")) {
            long nanos = c.time().getEpochSecond() * 1_000_000_000L + c.time().getNano();
            calls.add(new Call(c.params().path("chat_id").asLong(), c.param("text"),
                    c.params().path("allow_paid_broadcast").asBoolean(false), c.params().has("reply_markup"),
                    nanos, c.time().toEpochMilli(), c.status()));
        }
        return calls;
    }

    List<Call> accepted() {
        return calls().stream().filter(c -> c.status() == 200).toList();
    }
}
