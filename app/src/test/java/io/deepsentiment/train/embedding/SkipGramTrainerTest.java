package io.deepsentiment.train.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SkipGramTrainerTest {

    private static final int TOPIC_WORDS = 20;
    private static final SkipGramOptions OPTIONS = new SkipGramOptions(24, 4, 5, 1, 5, 1e-3, 0.025f, 7, 1);

    /**
     * Sentences about one of two topics: words a0..a19 only ever appear together, and so do
     * b0..b19. Skip-gram must place the words of a topic near each other.
     */
    private static List<List<String>> twoTopicCorpus(int sentences, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<String>> corpus = new ArrayList<>();
        for (int s = 0; s < sentences; s++) {
            String topic = random.nextBoolean() ? "a" : "b";
            List<String> sentence = new ArrayList<>();
            for (int w = 0; w < 10; w++) {
                sentence.add(topic + random.nextInt(TOPIC_WORDS));
            }
            corpus.add(sentence);
        }
        return corpus;
    }

    @Test
    void words_of_one_topic_end_up_closer_than_words_of_different_topics() {
        WordVectors vectors = new SkipGramTrainer(message -> { }).train(twoTopicCorpus(3000, 1), OPTIONS);

        double within = (meanCosine(vectors, "a", "a") + meanCosine(vectors, "b", "b")) / 2;
        double across = meanCosine(vectors, "a", "b");
        assertThat(vectors.size()).isEqualTo(2 * TOPIC_WORDS);
        assertThat(within).isGreaterThan(0.9);
        assertThat(across).isLessThan(within - 0.5);
    }

    @Test
    void several_threads_learn_the_same_structure() {
        WordVectors vectors = new SkipGramTrainer(message -> { })
                .train(twoTopicCorpus(3000, 2), OPTIONS.withThreads(2));

        double within = (meanCosine(vectors, "a", "a") + meanCosine(vectors, "b", "b")) / 2;
        assertThat(meanCosine(vectors, "a", "b")).isLessThan(within - 0.5);
    }

    @Test
    void one_thread_and_the_same_seed_give_identical_vectors() {
        List<List<String>> corpus = twoTopicCorpus(500, 3);
        SkipGramTrainer trainer = new SkipGramTrainer(message -> { });

        WordVectors first = trainer.train(corpus, OPTIONS);
        WordVectors second = trainer.train(corpus, OPTIONS);
        WordVectors otherSeed = trainer.train(corpus, OPTIONS.withSeed(8));

        assertThat(second.words()).containsExactlyElementsOf(first.words());
        for (String word : first.words()) {
            assertThat(second.vector(word)).as(word).containsExactly(first.vector(word));
        }
        assertThat(otherSeed.vector("a0")).isNotEqualTo(first.vector("a0"));
    }

    @Test
    void words_rarer_than_min_count_get_no_vector() {
        List<List<String>> corpus = new ArrayList<>(twoTopicCorpus(200, 4));
        corpus.add(List.of("a1", "once", "a2"));

        WordVectors vectors = new SkipGramTrainer(message -> { })
                .train(corpus, new SkipGramOptions(8, 2, 2, 2, 1, 0, 0.025f, 1, 1));

        assertThat(vectors.contains("once")).isFalse();
        assertThat(vectors.contains("a1")).isTrue();
        assertThat(vectors.dimension()).isEqualTo(8);
    }

    @Test
    void reports_progress_with_words_per_second() {
        List<String> messages = new ArrayList<>();

        new SkipGramTrainer(messages::add).train(twoTopicCorpus(100, 5), OPTIONS);

        assertThat(messages).first().asString().contains("vocabulary of 40");
        assertThat(messages).last().asString().contains("100.0%").contains("words/s");
    }

    @Test
    void refuses_a_corpus_without_frequent_words() {
        SkipGramOptions options = SkipGramOptions.defaults();

        assertThatThrownBy(() -> new SkipGramTrainer(message -> { }).train(List.of(List.of("a", "b")), options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no word occurs at least 3 times");
    }

    @Test
    void options_are_checked() {
        assertThatThrownBy(() -> new SkipGramOptions(0, 5, 5, 1, 1, 0, 0.025f, 1, 1))
                .hasMessage("dimension must be at least 1: 0");
        assertThatThrownBy(() -> new SkipGramOptions(10, 5, 5, 1, 1, -1, 0.025f, 1, 1))
                .hasMessageContaining("subsample");
        assertThat(SkipGramOptions.defaults().dimension()).isEqualTo(100);
    }

    private static double meanCosine(WordVectors vectors, String topic1, String topic2) {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < TOPIC_WORDS; i++) {
            for (int j = 0; j < TOPIC_WORDS; j++) {
                if (!topic1.equals(topic2) || i != j) {
                    sum += cosine(vectors.vector(topic1 + i), vectors.vector(topic2 + j));
                    pairs++;
                }
            }
        }
        return sum / pairs;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return dot / Math.sqrt(normA * normB);
    }
}
