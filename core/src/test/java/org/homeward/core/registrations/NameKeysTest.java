package org.homeward.core.registrations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A name typed in Cyrillic and the same name in a common Latin spelling get one key; different names do not. */
class NameKeysTest {
    @ParameterizedTest
    @CsvSource({
            "Назаров Акмал, Nazarov Akmal",
            "Назаров Акмал, Akmal Nazarov",
            "Ҷӯраев Фарҳод, Juraev Farhod",
            "Ҷӯраев Фарҳод, Dzhuraev Farkhod",
            "Ҷӯраев Фарҳод, Jurayev Farhod",
            "Хўжаев Ёқуб, Xo'jaev Yoqub",
            "Хужаев Якуб, Khujaev Yakub",
            "Шарипова Зулфия, Sharipova Zulfia",
            "Сафаров Фаррух, Safarov Farukh",
            "Qodirov Gʻayrat, Qodirov G'ayrat",
            "Абдуллаев Абдул-Азиз, Abdulaev Abdulaziz",
    })
    void spellingsOfOneNameShareAKey(String one, String other) {
        assertThat(NameKeys.of(one)).isNotEmpty().isEqualTo(NameKeys.of(other));
    }

    @ParameterizedTest
    @CsvSource({"Назаров Акмал, Nazarova Akmal", "Каримов Далер, Karimov Davron", "Ali Valiev, Vali Aliev Ali"})
    void differentNamesDoNot(String one, String other) {
        assertThat(NameKeys.of(one)).isNotEqualTo(NameKeys.of(other));
    }

    @ParameterizedTest
    @CsvSource({"Nazarov, Назаров Акмал", "назар, Nazarov Akmal", "Juraev, Ҷӯраев Фарҳод", "Farkhod, Ҷӯраев Фарҳод"})
    void aTypedWordIsFoundInsideTheKey(String typed, String name) {
        assertThat(NameKeys.words(typed)).allSatisfy(w -> assertThat(NameKeys.of(name)).contains(w));
    }
}
