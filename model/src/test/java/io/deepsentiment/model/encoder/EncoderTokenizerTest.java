package io.deepsentiment.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The encoder's tokenizer against the vocabulary of the shipped {@code tokenizer.json}: the ids are
 * the vocabulary's ids of the expected word pieces, with [CLS], the prefix and [SEP]; and the tweet
 * preprocessing in front of it.
 */
class EncoderTokenizerTest {

    private static EncoderTokenizer tokenizer;
    private static JsonNode vocabulary;

    @BeforeAll
    static void load() throws Exception {
        BaseEncoder base = BaseEncoder.E5_SMALL_V2;
        byte[] json = base.tokenizerBytes();
        vocabulary = new ObjectMapper().readTree(json).path("model").path("vocab");
        tokenizer = new EncoderTokenizer(json, base.prefix(), 16);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static int[] vocabularyIds(String... pieces) {
        int[] out = new int[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            assertThat(vocabulary.has(pieces[i])).as(pieces[i]).isTrue();
            out[i] = vocabulary.get(pieces[i]).asInt();
        }
        return out;
    }

    @Test
    void idsAreTheVocabularyIdsOfThePiecesWithPrefixAndSpecialTokens() {
        assertThat(tokenizer.ids("I LOVE this")).containsExactly(
                vocabularyIds("[CLS]", "query", ":", "i", "love", "this", "[SEP]"));
        assertThat(tokenizer.pieces("I LOVE this")).containsExactly("[CLS]", "query", ":", "i", "love", "this", "[SEP]");
        // an empty text still has the prefix, so it is scored like any other
        assertThat(tokenizer.ids("")).containsExactly(vocabularyIds("[CLS]", "query", ":", "[SEP]"));
        assertThat(tokenizer.ids((String) null)).containsExactly(vocabularyIds("[CLS]", "query", ":", "[SEP]"));
    }

    @Test
    void wordsOutsideTheVocabularyBecomeWordPieces() {
        List<String> pieces = tokenizer.pieces("unbelievably");
        List<String> word = pieces.subList(3, pieces.size() - 1);
        assertThat(word).hasSizeGreaterThan(1);
        StringBuilder joined = new StringBuilder(word.get(0));
        for (String piece : word.subList(1, word.size())) {
            assertThat(piece).startsWith("##");
            joined.append(piece.substring(2));
        }
        assertThat(joined.toString()).isEqualTo("unbelievably");
        for (String piece : word) {
            assertThat(vocabulary.has(piece)).as(piece).isTrue();
        }
    }

    @Test
    void linksUsersAndEmojiArePreprocessed() {
        assertThat(tokenizer.words("@united lost my bag http://t.co/abc again"))
                .containsExactly("@user", "lost", "my", "bag", "http", "again");
        assertThat(tokenizer.words("this made my day 😍")).containsExactly("this", "made", "my", "day", "smiling", "face",
                "with", "heart-shaped", "eyes");
        // skin tones and variation selectors say nothing on their own
        assertThat(tokenizer.words("👍🏽 ❤️")).containsExactly("thumbs", "up", "sign", "heavy", "black", "heart");
        // the SemEval escapes and HTML entities are decoded
        assertThat(tokenizer.words("can\\u2019t wait &amp; see")).containsExactly("can\u2019t", "wait", "&", "see");
        // an e-mail address is not a user name
        assertThat(tokenizer.words("mail a@b.com")).containsExactly("mail", "a@b.com");
    }

    @Test
    void longTextsAreCutToMaxPiecesKeepingTheLastSeparator() {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            words.add("good");
        }
        int[] ids = tokenizer.ids(words);
        assertThat(ids).hasSize(16);
        assertThat(ids[0]).isEqualTo(vocabularyIds("[CLS]")[0]);
        assertThat(ids[15]).isEqualTo(vocabularyIds("[SEP]")[0]);
    }
}
