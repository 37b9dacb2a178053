package io.deepsentiment.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code --model} means. The tests run in the repository's root, whose {@code models/} holds
 * the shipped models; only their folders are looked at here, never their weights.
 */
class ModelLocationTest {

    @TempDir
    Path dir;

    @Test
    void a_directory_is_taken_as_it_is() {
        assertThat(ModelLocation.resolve(dir.toString())).isEqualTo(dir);
    }

    @Test
    void a_bare_name_means_the_shipped_model_of_that_name() {
        assertThat(ModelLocation.resolve("tweets")).isEqualTo(Path.of("models", "tweets"));
        assertThat(ModelLocation.resolve("reviews")).isEqualTo(Path.of("models", "reviews"));
    }

    @Test
    void an_unknown_name_is_given_back_so_that_loading_it_reports_it_missing() {
        assertThat(ModelLocation.resolve("no-such-model")).isEqualTo(Path.of("no-such-model"));
    }
}
