package io.deepsentiment.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepsentiment.hashtag.live.LiveMinute;
import io.deepsentiment.hashtag.live.LiveService;
import io.deepsentiment.hashtag.live.LiveStore;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live view of a tracked hashtag: {@code GET /api/v1/live/{tag}} answers its last hour minute by
 * minute (posts, share per label, mean polarity), and {@code GET /api/v1/live/{tag}/events} streams
 * the same whenever a minute changes. One thread reads each watched hashtag's minutes from the
 * database every poll, however many streams watch it; the database is shared, so any instance
 * serves the view, whichever instances follow the Jetstream.
 */
final class LiveApi implements AutoCloseable {

    static final Duration WINDOW = Duration.ofHours(1);
    private static final long POLL_MILLIS = 2_000;
    private static final long KEEP_ALIVE_MILLIS = 10_000;
    /** A stream is closed after this; EventSource opens it again by itself. */
    private static final long STREAM_MAX_MILLIS = 30 * 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveApi.class);

    private final LiveStore store;
    private final LiveService live;
    private final ObjectMapper json;
    private final StreamCaps caps;
    private final Clock clock;
    private final ServeOptions options;
    private final Map<String, Set<Stream>> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-events");
        t.setDaemon(true);
        return t;
    });

    private static final class Stream {
        final SseClient client;
        final String address;
        final long openedAt = System.currentTimeMillis();
        volatile long lastWrite = openedAt;
        volatile List<LiveMinute> sent;
        final AtomicBoolean freed = new AtomicBoolean();

        Stream(SseClient client, String address) {
            this.client = client;
            this.address = address;
        }
    }

    /** @param live the Jetstream follower of this instance; null when the live view is off here */
    LiveApi(LiveStore store, LiveService live, ObjectMapper json, StreamCaps caps, Clock clock, ServeOptions options) {
        this.store = store;
        this.live = live;
        this.json = json;
        this.caps = caps;
        this.clock = clock;
        this.options = options;
        poller.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    void get(Context ctx) {
        ctx.json(view(AnalysisRequest.validHashtag(ctx.pathParam("tag")).toLowerCase(Locale.ROOT)));
    }

    void admitStream(Context ctx) {
        AnalysisRequest.validHashtag(ctx.pathParam("tag"));
        if (!"text/event-stream".equals(ctx.header("Accept"))) {
            throw new ApiException(406, "not_acceptable", "this route answers a stream of Server-Sent Events:"
                    + " send the header \"Accept: text/event-stream\" (as EventSource does), or poll GET /api/v1/live/"
                    + ctx.pathParam("tag"));
        }
        caps.admit(address(ctx), "poll GET /api/v1/live/{tag}");
    }

    void events(SseClient client) {
        String tag = AnalysisRequest.validHashtag(client.ctx().pathParam("tag")).toLowerCase(Locale.ROOT);
        Stream stream = new Stream(client, address(client.ctx()));
        client.keepAlive();
        client.onClose(() -> remove(tag, stream));
        List<LiveMinute> minutes = minutes(tag);
        synchronized (client) {
            send(stream, tag, minutes);
        }
        watches.compute(tag, (k, streams) -> {
            Set<Stream> joined = streams != null ? streams : ConcurrentHashMap.newKeySet();
            joined.add(stream);
            return joined;
        });
    }

    private String address(Context ctx) {
        return ClientAddress.of(ctx, options.trustedProxies());
    }

    private List<LiveMinute> minutes(String tag) {
        return store.minutes(tag, clock.instant().minus(WINDOW));
    }

    private Map<String, Object> view(String tag) {
        return view(tag, minutes(tag));
    }

    /** What GET answers and each event carries: the minutes, and whether and how the hashtag is followed. */
    private Map<String, Object> view(String tag, List<LiveMinute> minutes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hashtag", tag);
        body.put("following", follows(tag));
        body.put("minutes", minutes.stream().map(LiveApi::minute).toList());
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("enabled", live != null);
        if (live != null) {
            stream.putAll(live.status());
        }
        body.put("stream", stream);
        return body;
    }

    /** Whether this instance follows the hashtag (false on one whose live view is off). */
    private boolean follows(String tag) {
        return live != null && live.follows(tag);
    }

    private static Map<String, Object> minute(LiveMinute minute) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("minute", minute.minute());
        body.put("posts", minute.posts());
        body.put("counts", minute.counts());
        Map<String, Double> shares = new LinkedHashMap<>();
        minute.counts().keySet().stream().sorted().forEach(label -> shares.put(label, minute.share(label)));
        body.put("shares", shares);
        body.put("meanPolarity", minute.meanPolarity());
        return body;
    }

    private void poll() {
        long now = System.currentTimeMillis();
        for (String tag : List.copyOf(watches.keySet())) {
            Set<Stream> streams = watches.computeIfPresent(tag, (k, s) -> s.isEmpty() ? null : s);
            if (streams == null) {
                continue;
            }
            try {
                List<LiveMinute> minutes = minutes(tag);
                for (Stream stream : List.copyOf(streams)) {
                    synchronized (stream.client) {
                        if (!minutes.equals(stream.sent)) {
                            send(stream, tag, minutes);
                        } else if (now - stream.lastWrite >= KEEP_ALIVE_MILLIS) {
                            stream.client.sendComment("keep-alive");
                            stream.lastWrite = now;
                        }
                    }
                    if (now - stream.openedAt >= STREAM_MAX_MILLIS) {
                        stream.client.close();
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("live streams of #{}: {}", tag, e.getMessage());
            }
        }
    }

    private void send(Stream stream, String tag, List<LiveMinute> minutes) {
        try {
            stream.client.sendEvent("minutes", json.writeValueAsString(view(tag, minutes)), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write live minutes as JSON", e);
        }
        stream.sent = minutes;
        stream.lastWrite = System.currentTimeMillis();
    }

    private void remove(String tag, Stream stream) {
        Set<Stream> streams = watches.get(tag);
        if (streams != null) {
            streams.remove(stream);
        }
        if (stream.freed.compareAndSet(false, true)) {
            caps.free(stream.address);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        for (Set<Stream> streams : watches.values()) {
            for (Stream stream : List.copyOf(streams)) {
                stream.client.close();
            }
        }
    }
}
