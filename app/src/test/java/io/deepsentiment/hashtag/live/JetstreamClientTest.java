package io.deepsentiment.hashtag.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import io.deepsentiment.testing.Await;
import org.junit.jupiter.api.Test;

/**
 * The client against a local WebSocket server that replays Jetstream events from the cursor it is
 * given and hangs up after every {@code perConnection} events, as a restarting Jetstream would.
 */
class JetstreamClientTest {

    private static final String DID = "did:plc:eygmaihciaxprqvxpfvl6flk";

    private final List<String> cursorsAsked = new CopyOnWriteArrayList<>();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private Javalin server;
    private JetstreamClient client;

    /** Events with time_us 1000, 2000, ...: every third one a post with #java. */
    private static List<String> recording(int count) {
        List<String> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            long timeUs = i * 1000L;
            events.add(i % 3 == 0 ? JetstreamFixtures.post(timeUs, DID, "3k" + i, "post " + i + " #java", "java")
                    : JetstreamFixtures.like(timeUs, DID));
        }
        return events;
    }

    private URI replay(List<String> events, int perConnection) {
        server = Javalin.create().ws("/subscribe", ws -> ws.onConnect(ctx -> {
            String cursor = ctx.queryParam("cursor");
            cursorsAsked.add(cursor == null ? "none" : cursor);
            long from = cursor == null ? 0 : Long.parseLong(cursor);
            int sent = 0;
            for (String event : events) {
                long timeUs = JetstreamEvents.read(event).orElseThrow().timeUs();
                if (timeUs > from) {
                    ctx.send(event);
                    if (++sent == perConnection) {
                        ctx.closeSession(1011, "restarting");
                        return;
                    }
                }
            }
        })).start("127.0.0.1", 0);
        return URI.create("ws://127.0.0.1:" + server.port() + "/subscribe?wantedCollections=app.bsky.feed.post");
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void reconnects_after_each_hang_up_and_resumes_from_the_cursor_without_losing_an_event() throws Exception {
        LiveFeed feed = new LiveFeed(1000, 0);
        feed.follow(Set.of("java"));
        URI endpoint = replay(recording(30), 10);

        client = new JetstreamClient(endpoint, feed::cursor, feed::accept, pauses::add).start();
        Await.until(() -> feed.events() >= 30);

        List<LivePost> posts = feed.take(100, Duration.ZERO);
        assertThat(posts).extracting(LivePost::text).containsExactly(
                "post 3 #java", "post 6 #java", "post 9 #java", "post 12 #java", "post 15 #java",
                "post 18 #java", "post 21 #java", "post 24 #java", "post 27 #java", "post 30 #java");
        assertThat(feed.events()).as("each event once").isEqualTo(30);
        assertThat(cursorsAsked).startsWith("none", "10000", "20000");
        // a connection that delivered events resets the back-off to its first step
        assertThat(pauses).startsWith(JetstreamClient.FIRST_BACKOFF, JetstreamClient.FIRST_BACKOFF);
    }

    @Test
    void a_stream_that_cannot_be_reached_is_retried_with_a_growing_backoff() throws Exception {
        server = Javalin.create().start("127.0.0.1", 0); // no WebSocket route: every upgrade is refused
        URI endpoint = URI.create("ws://127.0.0.1:" + server.port() + "/subscribe");

        client = new JetstreamClient(endpoint, () -> 0, message -> { }, pause -> {
            pauses.add(pause);
            if (pauses.size() >= 8) {
                Thread.sleep(100); // enough recorded: no need to spin until the test closes the client
            }
        }).start();
        Await.until(() -> pauses.size() >= 8);

        assertThat(List.copyOf(pauses).subList(0, 8)).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(32),
                Duration.ofSeconds(60), Duration.ofSeconds(60));
        assertThat(client.connections()).isZero();
    }

    @Test
    void the_cursor_replaces_one_the_endpoint_had() {
        URI endpoint = URI.create("wss://jetstream.example/subscribe?wantedCollections=app.bsky.feed.post&cursor=5");

        assertThat(JetstreamClient.withCursor(endpoint, 0)).isEqualTo(endpoint);
        assertThat(JetstreamClient.withCursor(endpoint, 1725911162329308L)).isEqualTo(URI.create(
                "wss://jetstream.example/subscribe?wantedCollections=app.bsky.feed.post&cursor=1725911162329308"));
    }
}
