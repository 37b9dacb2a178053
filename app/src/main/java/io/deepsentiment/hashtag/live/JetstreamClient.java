package io.deepsentiment.hashtag.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to the Bluesky Jetstream, kept open: each text message goes to
 * {@code events} on the connection's thread (which must not block), and when the connection drops
 * it is opened again after a back-off (1 s doubling to 60 s; back to 1 s once a connection has
 * delivered events), asking the Jetstream to replay from the cursor {@code resumeFrom} gives, so
 * that no post is missed across a reconnect.
 */
public final class JetstreamClient implements AutoCloseable {

    /** The public Jetstream, new posts only. */
    public static final URI DEFAULT_ENDPOINT =
            URI.create("wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post");

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(JetstreamClient.class);

    /** Takes a pause between connections: {@link Thread#sleep} in the service, a recording in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final URI endpoint;
    private final LongSupplier resumeFrom;
    private final Consumer<String> events;
    private final Sleeper sleeper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Thread thread;
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private volatile boolean closed;
    private volatile WebSocket socket;

    /**
     * @param endpoint the Jetstream's subscribe URL with its {@code wantedCollections}
     * @param resumeFrom the cursor (a {@code time_us}) to resume from when reconnecting; 0 for live
     * @param events receives every message's text
     */
    public JetstreamClient(URI endpoint, LongSupplier resumeFrom, Consumer<String> events, Sleeper sleeper) {
        this.endpoint = endpoint;
        this.resumeFrom = resumeFrom;
        this.events = events;
        this.sleeper = sleeper;
        this.thread = new Thread(this::run, "jetstream");
        this.thread.setDaemon(true);
    }

    public JetstreamClient start() {
        thread.start();
        return this;
    }

    /** Connections opened so far (the first one included). */
    public long connections() {
        return connections.get();
    }

    /** Messages received so far. */
    public long messages() {
        return messages.get();
    }

    public boolean isConnected() {
        WebSocket current = socket;
        return current != null && !current.isInputClosed();
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (!closed) {
            long before = messages.get();
            URI uri = withCursor(endpoint, resumeFrom.getAsLong());
            try {
                CompletableFuture<Void> ended = new CompletableFuture<>();
                socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(uri, new Messages(ended)).get(15, TimeUnit.SECONDS);
                connections.incrementAndGet();
                LOG.info("Jetstream connected to {}", uri.getHost());
                ended.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!closed) {
                    LOG.warn("Jetstream connection to {} failed: {}", uri.getHost(), e.toString());
                }
            }
            if (closed) {
                return;
            }
            backoff = messages.get() > before ? FIRST_BACKOFF : backoff;
            LOG.info("Jetstream reconnecting in {} s", backoff.toSeconds());
            try {
                sleeper.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** The endpoint with {@code cursor=} set (replacing one it had); unchanged for cursor 0. */
    static URI withCursor(URI endpoint, long cursor) {
        if (cursor <= 0) {
            return endpoint;
        }
        String query = endpoint.getRawQuery() == null ? "" : endpoint.getRawQuery().replaceAll("(^|&)cursor=[^&]*", "");
        query = query.startsWith("&") ? query.substring(1) : query;
        String base = endpoint.toString();
        int q = base.indexOf('?');
        base = q < 0 ? base : base.substring(0, q);
        return URI.create(base + "?" + (query.isEmpty() ? "" : query + "&") + "cursor=" + cursor);
    }

    @Override
    public void close() {
        closed = true;
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects each message's fragments and hands the whole text on; the connection's end completes {@code ended}. */
    private final class Messages implements WebSocket.Listener {

        private final CompletableFuture<Void> ended;
        private final StringBuilder text = new StringBuilder();

        Messages(CompletableFuture<Void> ended) {
            this.ended = ended;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                messages.incrementAndGet();
                try {
                    events.accept(message);
                } catch (RuntimeException e) {
                    LOG.warn("Jetstream message not handled: {}", e.toString());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1); // compressed messages are only sent to clients that ask for them
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            LOG.info("Jetstream closed the connection ({} {})", statusCode, reason);
            ended.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (!closed) {
                LOG.warn("Jetstream connection lost: {}", error.toString());
            }
            ended.complete(null);
        }
    }
}
