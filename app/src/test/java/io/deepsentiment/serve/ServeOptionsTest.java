package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options by name: each setter changes its option and nothing else. */
class ServeOptionsTest {

    private static final Map<String, Path> MODELS = Map.of("m", Path.of("models/m"));

    @Test
    void a_builder_left_alone_gives_the_defaults_and_to_builder_gives_back_the_same_options() {
        ServeOptions defaults = ServeOptions.defaults(8080, MODELS);
        assertThat(ServeOptions.builder(8080, MODELS).build()).isEqualTo(defaults);
        ServeOptions changed = defaults.toBuilder().workers(3).host("0.0.0.0").rateLimit(5, 9).build();
        assertThat(changed.toBuilder().build()).isEqualTo(changed);
    }

    @Test
    void each_named_option_lands_in_its_own_field() {
        ServeOptions defaults = ServeOptions.defaults(0, MODELS);
        ServeOptions.StreamLimits streams = new ServeOptions.StreamLimits(7, 3);
        ServeOptions options = defaults.toBuilder().maxBatch(11).maxWaitMillis(12).queueCapacity(13).workers(14)
                .rateLimit(15, 16).corsOrigins(List.of("https://a.example")).trustedProxies(2).streams(streams)
                .host("0.0.0.0").build();

        assertThat(options.maxBatch()).isEqualTo(11);
        assertThat(options.maxWaitMillis()).isEqualTo(12);
        assertThat(options.queueCapacity()).isEqualTo(13);
        assertThat(options.workers()).isEqualTo(14);
        assertThat(options.rateLimit()).isEqualTo(15);
        assertThat(options.rateBurst()).isEqualTo(16);
        assertThat(options.corsOrigins()).containsExactly("https://a.example");
        assertThat(options.trustedProxies()).isEqualTo(2);
        assertThat(options.streams()).isEqualTo(streams);
        assertThat(options.host()).isEqualTo("0.0.0.0");
        // and the options not named kept their defaults
        assertThat(options.port()).isEqualTo(defaults.port());
        assertThat(options.models()).isEqualTo(defaults.models());
        assertThat(options.maxBodyBytes()).isEqualTo(defaults.maxBodyBytes());
        assertThat(options.maxTextChars()).isEqualTo(defaults.maxTextChars());
        assertThat(options.maxTexts()).isEqualTo(defaults.maxTexts());
        assertThat(options.maxExplainTexts()).isEqualTo(defaults.maxExplainTexts());
        assertThat(options.http()).isEqualTo(defaults.http());
    }
}
