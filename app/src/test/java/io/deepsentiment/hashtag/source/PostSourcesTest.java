package io.deepsentiment.hashtag.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.deepsentiment.hashtag.source.PostSources.Config;
import io.deepsentiment.hashtag.source.SourceException.Reason;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class PostSourcesTest {

    @Test
    void an_empty_environment_gives_the_defaults() {
        Config config = Config.fromEnv(Map.of());

        assertThat(config).isEqualTo(Config.defaults());
        assertThat(config.xBaseUrl()).isEqualTo(URI.create("https://api.x.com"));
        assertThat(config.xBearerToken()).isNull();
        assertThat(config.mastodonInstance()).isEqualTo(URI.create("https://mastodon.social"));
        assertThat(config.mastodonLanguage()).isEqualTo("en");
        assertThat(config.http()).isEqualTo(HttpSettings.DEFAULTS);
        assertThat(config.http().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.http().maxRateLimitWait()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void reads_every_variable() {
        Config config = Config.fromEnv(Map.of(
                "X_BEARER_TOKEN", " secret-token ",
                "X_API_URL", "http://localhost:8089/",
                "MASTODON_INSTANCE", "https://fosstodon.example",
                "MASTODON_LANGUAGE", "any",
                "SOURCE_CONNECT_TIMEOUT_SECONDS", "2",
                "SOURCE_REQUEST_TIMEOUT_SECONDS", "2.5",
                "SOURCE_RATE_LIMIT_WAIT_SECONDS", "0"));

        assertThat(config.xBearerToken()).isEqualTo("secret-token");
        assertThat(config.xBaseUrl()).isEqualTo(URI.create("http://localhost:8089"));
        assertThat(config.mastodonInstance()).isEqualTo(URI.create("https://fosstodon.example"));
        assertThat(config.mastodonLanguage()).isNull();
        assertThat(config.http().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.http().requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.http().maxRateLimitWait()).isZero();
    }

    @Test
    void blank_variables_count_as_unset() {
        assertThat(Config.fromEnv(Map.of("X_BEARER_TOKEN", "", "MASTODON_INSTANCE", " ")))
                .isEqualTo(Config.defaults());
    }

    @Test
    void unusable_values_name_their_variable() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("MASTODON_INSTANCE", "mastodon.social")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MASTODON_INSTANCE must be an http(s) URL such as https://example.org, not 'mastodon.social'");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("X_API_URL", "https://api.x.com/?evil=1")))
                .hasMessageStartingWith("X_API_URL must be an http(s) URL");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("SOURCE_REQUEST_TIMEOUT_SECONDS", "ten")))
                .hasMessage("SOURCE_REQUEST_TIMEOUT_SECONDS must be a number of seconds (0 to 3600), not 'ten'");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("SOURCE_CONNECT_TIMEOUT_SECONDS", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectTimeout must be positive");
    }

    @Test
    void the_configuration_never_shows_the_token() {
        Config config = Config.fromEnv(Map.of("X_BEARER_TOKEN", "secret-token"));

        assertThat(config.toString()).doesNotContain("secret-token").contains("xBearerToken=(set)");
        assertThat(Config.defaults().toString()).contains("xBearerToken=(missing)");
    }

    @Test
    void builds_x_and_mastodon_chosen_by_name() {
        PostSources sources = PostSources.create(Config.fromEnv(Map.of("MASTODON_INSTANCE", "https://m.example")));

        assertThat(sources.names()).containsExactly("x", "mastodon", "bluesky");
        assertThat(sources.get("bluesky")).isInstanceOf(BlueskySearchSource.class);
        assertThat(sources.get("x")).isInstanceOf(XRecentSearchSource.class);
        assertThat(sources.get("Mastodon")).isInstanceOf(MastodonTagSource.class);
        assertThat(((MastodonTagSource) sources.get("mastodon")).instance()).isEqualTo(URI.create("https://m.example"));
    }

    @Test
    void x_without_a_token_fails_clearly_and_the_others_still_work() {
        PostSources sources = PostSources.create(Config.defaults());

        SourceException e = catchThrowableOfType(SourceException.class, () -> sources.get("x").fetch("java", 10, n -> {}));

        assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
        assertThat(e).hasMessage("no X bearer token configured (set X_BEARER_TOKEN)");
        assertThat(((XRecentSearchSource) sources.get("x")).hasToken()).isFalse();
    }

    @Test
    void an_unknown_name_is_rejected_with_the_choices() {
        PostSources sources = PostSources.create(Config.defaults());

        SourceException e = catchThrowableOfType(SourceException.class, () -> sources.get("https://evil.example/"));

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e).hasMessage("unknown source 'https://evil.example/'; choose x, mastodon or bluesky");
        assertThat(sources.find("reddit")).isEmpty();
        assertThat(sources.find(null)).isEmpty();
    }

    @Test
    void takes_other_sources_such_as_fakes() {
        PostSource fake = new PostSource() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public List<Post> fetch(String hashtag, int limit, IntConsumer fetchedSoFar) {
                return List.of();
            }
        };

        assertThat(new PostSources(List.of(fake)).get("fake")).isSameAs(fake);
        assertThatThrownBy(() -> new PostSources(List.of(fake, fake)))
                .hasMessage("two sources are named fake");
    }
}
