package io.deepsentiment.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TweetTokenizerTest {

    private final TweetTokenizer plain = new TweetTokenizer(false);
    private final TweetTokenizer negating = new TweetTokenizer(true);

    private static List<String> tokens(String spaceSeparated) {
        return spaceSeparated.isEmpty() ? List.of() : Arrays.asList(spaceSeparated.split(" "));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // rule: lower-casing
        "Great MOVIE|great movie",
        // rule: URLs, @mentions and numbers become placeholders
        "see https://t.co/AbC12 now|see <url> now",
        "www.example.com/x?y=1 rocks|<url> rocks",
        "@Bob_99 thanks|<user> thanks",
        "won 3-1 on 25th at 8:30pm for $12.50|won <number> - <number> on <number> at <number> for $ <number>",
        // rule: hashtags kept as words and marked
        "#Happy day|<hashtag> happy day",
        "#SOOOO_good|<hashtag> soo_good",
        // rule: emoticons and emoji kept as tokens
        "fun :) :-( :D ;P <3 xD|fun :) :-( :D ;P <3 xD",
        "love it 😍😍 🙄|love it 😍 😍 🙄",
        "thumbs 👍🏽 up|thumbs 👍 up",
        "ratio 8:30|ratio <number>",
        // rule: elongations shortened
        "soooo gooood|soo good",
        "nooooo!!!!!|noo !!",
        "what???|what ??",
        "wait......|wait ..",
        // rule: HTML line breaks and entities decoded
        "good<br /><br />bad|good bad",
        "Tom &amp; Jerry &lt;3|tom & jerry <3",
        "double &amp;amp; escaped|double & escaped",
        // rule: literal SemEval escapes decoded
        "it\\u2019s fine\\u002c really|it's fine , really",
        "smile \\ud83d\\ude00|smile 😀",
        // words with apostrophes stay whole
        "Don't STOP|don't stop",
        // empty and blank input
        "``|``",
        "`   `|``",
    })
    void tokenizes(String text, String expected) {
        assertThat(plain.tokenize(text)).containsExactlyElementsOf(tokens(expected));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not good at all|not good_neg at_neg all_neg",
        "it isn't funny, but ok|it isn't funny_neg , but ok",
        "never again! great though|never again_neg ! great though",
        "no way :) fun|no way_neg :) fun",
        "don't not stop|don't not stop_neg",
        "good film|good film",
    })
    void marksNegationScopeUntilPunctuation(String text, String expected) {
        assertThat(negating.tokenize(text)).containsExactlyElementsOf(tokens(expected));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"soooo|soo", "aaah|aah", "cool|cool", "zzz|zz", "100000|100000"})
    void shortensElongationsToTwoLetters(String word, String expected) {
        assertThat(TweetTokenizer.shortenElongation(word)).isEqualTo(expected);
    }
}
