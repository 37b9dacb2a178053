package io.deepsentiment.model.vocab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {

    @TempDir
    Path dir;

    @Test
    void reserves_padding_and_unknown_and_maps_unseen_tokens_to_unknown() {
        Vocabulary v = Vocabulary.of(List.of("good", "bad", "good"));
        assertThat(v.size()).isEqualTo(4);
        assertThat(v.id(Vocabulary.PAD)).isZero();
        assertThat(v.id("good")).isEqualTo(2);
        assertThat(v.id("never-seen")).isEqualTo(Vocabulary.UNKNOWN_ID);
    }

    @Test
    void pads_and_cuts_id_sequences() {
        Vocabulary v = Vocabulary.of(List.of("a", "b"));
        assertThat(v.ids(List.of("a"), 3, 10)).containsExactly(2, 0, 0);
        assertThat(v.ids(List.of("a", "b", "a", "x"), 1, 3)).containsExactly(2, 3, 2);
    }

    @Test
    void file_round_trip_keeps_ids_including_unicode_tokens() throws IOException {
        Vocabulary v = Vocabulary.of(List.of("😍", "<hashtag>", "naïve"));
        Path file = dir.resolve("vocabulary.txt");
        v.write(file);
        Vocabulary read = Vocabulary.read(file);
        assertThat(read.tokens()).isEqualTo(v.tokens());
        assertThat(read.id("😍")).isEqualTo(2);
    }

    @Test
    void a_file_without_the_reserved_tokens_is_refused() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.txt"), "good\nbad\n");
        assertThatThrownBy(() -> Vocabulary.read(file)).hasMessageContaining("must start with <pad>");
    }

    @Test
    void builder_keeps_frequent_tokens_most_frequent_first() {
        VocabularyBuilder b = new VocabularyBuilder()
                .add(List.of("a", "b", "b", "c", "c", "c", "d"));
        assertThat(b.frequentTokens(2, 10)).containsExactly("c", "b");
        assertThat(b.frequentTokens(1, 2)).containsExactly("c", "b");
        assertThat(b.count("d")).isEqualTo(1);
    }
}
