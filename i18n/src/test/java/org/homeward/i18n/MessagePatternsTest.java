package org.homeward.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;
import org.homeward.i18n.MessagePatterns.Kind;
import org.junit.jupiter.api.Test;

class MessagePatternsTest {
    @Test
    void literal_text_covers_every_branch_and_undoes_quoting() {
        String p = "Men o'zbek, '{'qavs'}' {n, plural, one{# kishi} other{# kishilar {when, date, long}}} {name}.";
        assertThat(MessagePatterns.literalText(p)).isEqualTo("Men o'zbek, {qavs} kishi kishilar .");
    }

    @Test
    void arguments_at_any_depth_with_kind_style_and_keywords() {
        String p = "{n, plural, one{{when, date, ::dMMMM}} other{{kind, select, bus{a} other{b}}}} {when, time, short}";
        assertThat(MessagePatterns.args(p))
                .extracting(MessagePatterns.Arg::name, MessagePatterns.Arg::kind, MessagePatterns.Arg::style)
                .containsExactly(
                        tuple("n", Kind.PLURAL, ""),
                        tuple("when", Kind.DATE, "::dMMMM"),
                        tuple("kind", Kind.SELECT, ""),
                        tuple("when", Kind.TIME, "short"));
        assertThat(MessagePatterns.args(p).get(0).keywords()).containsExactlyInAnyOrder("one", "other");
    }

    @Test
    void a_keys_arguments_with_the_kind_of_value_each_takes() {
        Messages catalog = new Messages(Map.of(Language.RU, Map.of("k",
                "{n, plural, one{{when, date, ::dMMMM}} other{{kind, select, bus{a} other{b}}}} {name} {n} {when, time, short}")));
        assertThat(catalog.arguments(Language.RU, "k")).containsExactly(
                Map.entry("n", Messages.ArgumentKind.NUMBER),
                Map.entry("when", Messages.ArgumentKind.DATE_TIME),
                Map.entry("kind", Messages.ArgumentKind.SELECT),
                Map.entry("name", Messages.ArgumentKind.TEXT));
    }
}
