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
        assertThat(config.x().baseUrl()).isEqualTo(URI.create("https://api.x.com"));
        assertThat(config.x().bearerToken()).isNull();
        assertThat(config.x().maxPostsPerAnalysis()).isEqualTo(100);
        assertThat(config.x().maxPostsPerDay()).isEqualTo(1000);
        assertThat(config.mastodon().instances()).containsExactly(URI.create("https://mastodon.social"));
        assertThat(config.mastodon().tokens()).isEmpty();
        assertThat(config.mastodon().language()).isEqualTo("en");
        assertThat(config.bluesky().service()).isEqualTo(URI.create("https://bsky.social"));
        assertThat(config.bluesky().handle()).isNull();
        assertThat(config.http()).isEqualTo(HttpSettings.DEFAULTS);
        assertThat(config.http().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.http().maxRateLimitWait()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void reads_every_variable() {
        Config config = Config.fromEnv(Map.ofEntries(
                Map.entry("X_BEARER_TOKEN", " secret-token "),
                Map.entry("X_API_URL", "http://localhost:8089/"),
                Map.entry("MASTODON_INSTANCE", "https://fosstodon.example"),
                Map.entry("MASTODON_LANGUAGE", "any"),
                Map.entry("X_MAX_POSTS_PER_ANALYSIS", "50"),
                Map.entry("X_MAX_POSTS_PER_DAY", "400"),
                Map.entry("BLUESKY_HANDLE", "me.bsky.social"),
                Map.entry("BLUESKY_APP_PASSWORD", "aaaa-bbbb-cccc-dddd"),
                Map.entry("BLUESKY_SERVICE", "https://pds.example"),
                Map.entry("SOURCE_CONNECT_TIMEOUT_SECONDS", "2"),
                Map.entry("SOURCE_REQUEST_TIMEOUT_SECONDS", "2.5"),
                Map.entry("SOURCE_RATE_LIMIT_WAIT_SECONDS", "0")));

        assertThat(config.x().bearerToken()).isEqualTo("secret-token");
        assertThat(config.x().baseUrl()).isEqualTo(URI.create("http://localhost:8089"));
        assertThat(config.x().maxPostsPerAnalysis()).isEqualTo(50);
        assertThat(config.x().maxPostsPerDay()).isEqualTo(400);
        assertThat(config.mastodon().instances()).containsExactly(URI.create("https://fosstodon.example"));
        assertThat(config.mastodon().language()).isNull();
        assertThat(config.bluesky()).isEqualTo(new PostSources.Bluesky(URI.create("https://pds.example"),
                "me.bsky.social", "aaaa-bbbb-cccc-dddd", "en"));
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

        assertThat(config.toString()).doesNotContain("secret-token").contains("bearerToken=(set)");
        assertThat(Config.defaults().toString()).contains("bearerToken=(missing)");
        Config secrets = Config.fromEnv(Map.of("BLUESKY_HANDLE", "me.bsky.social", "BLUESKY_APP_PASSWORD", "pass-word",
                "MASTODON_TOKENS", "m.example=tok123"));
        assertThat(secrets.toString()).doesNotContain("pass-word").doesNotContain("tok123")
                .contains("appPassword=(set)").contains("tokens for [m.example]");
    }

    @Test
    void builds_x_and_mastodon_chosen_by_name() {
        PostSources sources = PostSources.create(Config.fromEnv(Map.of("MASTODON_INSTANCE", "https://m.example")),
                new CountingPostBudget());

        assertThat(sources.names()).containsExactly("x", "mastodon", "bluesky");
        assertThat(sources.get("bluesky")).isInstanceOf(BlueskySearchSource.class);
        assertThat(sources.get("x")).isInstanceOf(XRecentSearchSource.class);
        assertThat(sources.get("Mastodon")).isInstanceOf(MastodonServersSource.class);
        assertThat(((MastodonServersSource) sources.get("mastodon")).servers()).extracting(MastodonTagSource::instance)
                .containsExactly(URI.create("https://m.example"));
    }

    @Test
    void x_without_a_token_fails_clearly_and_the_others_still_work() {
        PostSources sources = PostSources.create(Config.defaults(), new CountingPostBudget());

        SourceException e = catchThrowableOfType(SourceException.class, () -> sources.get("x").fetch("java", 10, n -> {}));

        assertThat(e.reason()).isEqualTo(Reason.UNAUTHORIZED);
        assertThat(e).hasMessage("no X bearer token configured (set X_BEARER_TOKEN)");
        assertThat(((XRecentSearchSource) sources.get("x")).hasToken()).isFalse();
    }

    @Test
    void an_unknown_name_is_rejected_with_the_choices() {
        PostSources sources = PostSources.create(Config.defaults(), new CountingPostBudget());

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

    @Test
    void several_mastodon_servers_with_tokens_by_host() {
        Config config = Config.fromEnv(Map.of(
                "MASTODON_INSTANCES", "https://mastodon.social, https://fosstodon.org/,https://mastodon.social",
                "MASTODON_INSTANCE", "https://ignored.example",
                "MASTODON_TOKENS", "Fosstodon.org=abc123"));

        assertThat(config.mastodon().instances())
                .containsExactly(URI.create("https://mastodon.social"), URI.create("https://fosstodon.org"));
        assertThat(config.mastodon().tokens()).containsExactly(Map.entry("fosstodon.org", "abc123"));
        PostSources sources = PostSources.create(config, new CountingPostBudget());
        assertThat(((MastodonServersSource) sources.get("mastodon")).servers()).hasSize(2);
    }

    @Test
    void unusable_source_settings_name_their_variable_and_never_echo_tokens() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("MASTODON_INSTANCES", "https://ok.example,not a url")))
                .hasMessage("MASTODON_INSTANCES must be an http(s) URL such as https://example.org, not 'not a url'");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("MASTODON_INSTANCES", " , ")))
                .hasMessageStartingWith("MASTODON_INSTANCES lists no server");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("MASTODON_TOKENS", "secret-without-host")))
                .hasMessage("MASTODON_TOKENS must be host=token pairs separated by commas, such as mastodon.social=abc123")
                .message().doesNotContain("secret-without-host");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("X_MAX_POSTS_PER_DAY", "lots")))
                .hasMessage("X_MAX_POSTS_PER_DAY must be a whole number, not 'lots'");
        assertThatThrownBy(() -> PostSources.create(Config.fromEnv(Map.of("X_MAX_POSTS_PER_ANALYSIS", "5")),
                new CountingPostBudget()))
                .hasMessage("X_MAX_POSTS_PER_ANALYSIS must be 10 to 1000, not 5");
    }
}
