package io.deepsentiment.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deepsentiment.hashtag.live.JetstreamClient;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServeCommandTest {

    @Test
    void the_jetstream_is_the_public_one_unless_the_environment_names_another() {
        assertThat(ServeCommand.jetstream(Map.of())).isEqualTo(JetstreamClient.DEFAULT_ENDPOINT);
        assertThat(ServeCommand.jetstream(Map.of("BLUESKY_JETSTREAM_URL", " ")))
                .isEqualTo(JetstreamClient.DEFAULT_ENDPOINT);
        assertThat(ServeCommand.jetstream(Map.of("BLUESKY_JETSTREAM_URL",
                "wss://jetstream1.us-west.bsky.network/subscribe?wantedCollections=app.bsky.feed.post")))
                .isEqualTo(URI.create("wss://jetstream1.us-west.bsky.network/subscribe?wantedCollections=app.bsky.feed.post"));
    }

    @Test
    void a_jetstream_url_that_is_not_a_websocket_is_refused_naming_the_variable() {
        assertThatThrownBy(() -> ServeCommand.jetstream(Map.of("BLUESKY_JETSTREAM_URL", "https://example.org/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("BLUESKY_JETSTREAM_URL must be a ws(s) URL");
        assertThatThrownBy(() -> ServeCommand.jetstream(Map.of("BLUESKY_JETSTREAM_URL", "not a url")))
                .hasMessageStartingWith("BLUESKY_JETSTREAM_URL must be a ws(s) URL");
    }
}
