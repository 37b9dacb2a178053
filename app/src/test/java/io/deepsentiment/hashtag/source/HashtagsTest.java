package io.deepsentiment.hashtag.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashtagsTest {

    @ParameterizedTest
    @ValueSource(strings = {"bitcoin", "COP30", "climate_change", "日本", "café", "cafe\u0301", "हिन्दी", "தமிழ்",
        "Ελλάδα", "x"})
    void letters_of_any_script_with_their_marks_digits_and_underscores_are_hashtags(String tag) {
        assertThat(Hashtags.isValid(tag)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "#bitcoin", "no spaces", "a/../b", "tag?x=1", "a-b", "emoji😀", "dot.tag"})
    void anything_else_is_not(String tag) {
        assertThat(Hashtags.isValid(tag)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void at_most_one_hundred_characters() {
        assertThat(Hashtags.isValid("a".repeat(100))).isTrue();
        assertThat(Hashtags.isValid("a".repeat(101))).isFalse();
        assertThat(Hashtags.isValid(null)).isFalse();
    }
}
