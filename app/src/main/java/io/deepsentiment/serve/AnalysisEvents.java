package io.deepsentiment.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepsentiment.hashtag.analysis.Analysis;
import io.deepsentiment.hashtag.analysis.AnalysisService;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event streams of analyses ({@code GET /api/v1/analyses/{id}/events}). One thread reads each
 * followed analysis from the database once per poll, however many streams follow it, and sends
 * what changed to all of them; a stream holds no thread while it waits. The database is the
 * source of truth, so a stream on any instance follows an analysis that another instance runs.
 *
 * <p>Streams are capped per client and in all: beyond a cap the request is refused (429 or 503
 * with {@code Retry-After}) before the stream opens.
 */
final class AnalysisEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisEvents.class);
    /** A comment this often keeps proxies and the server's idle timeout from closing a quiet stream. */
    private static final long KEEP_ALIVE_MILLIS = 10_000;

    private final AnalysisService service;
    private final Function<Analysis, Map<String, Object>> view;
    private final ObjectMapper json;
    private final long pollMillis;
    private final long maxStreamMillis;
    private final StreamCaps caps;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "analysis-events");
                t.setDaemon(true);
                return t;
            });

    /** The streams following one analysis. */
    private static final class Watch {
        final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    }

    /** One open stream: what it was last sent and when, and whether its place was given back. */
    private static final class Stream {
        final SseClient client;
        final String address;
        final long openedAt = System.currentTimeMillis();
        volatile long lastWrite = openedAt;
        volatile Analysis sent;
        final java.util.concurrent.atomic.AtomicBoolean freed = new java.util.concurrent.atomic.AtomicBoolean();

        Stream(SseClient client, String address) {
            this.client = client;
            this.address = address;
        }
    }

    AnalysisEvents(AnalysisService service, Function<Analysis, Map<String, Object>> view, ObjectMapper json,
            long pollMillis, long maxStreamMillis, StreamCaps caps) {
        this.service = service;
        this.view = view;
        this.json = json;
        this.pollMillis = pollMillis;
        this.maxStreamMillis = maxStreamMillis;
        this.caps = caps;
        poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** Before a stream opens: takes a place under both caps, or refuses with 429 / 503. */
    void admit(String address) {
        caps.admit(address, "poll GET /api/v1/analyses/{id}");
    }

    /** The stream of an admitted request: sends the analysis now and then whenever it changes. */
    void follow(SseClient client, String id, String address) {
        Optional<Analysis> current = service.find(id);
        if (current.isEmpty()) {
            free(address);
            return;
        }
        Stream stream = new Stream(client, address);
        client.keepAlive();
        client.onClose(() -> remove(id, stream));
        Analysis analysis = current.get();
        synchronized (client) {
            send(stream, analysis);
        }
        if (analysis.status().finished()) {
            client.close();
            return;
        }
        // compute(): atomic with the poller's removal of an empty watch, so no stream joins a watch being dropped
        watches.compute(id, (k, watch) -> {
            Watch joined = watch != null ? watch : new Watch();
            joined.streams.add(stream);
            return joined;
        });
    }

    int openStreams() {
        return caps.open();
    }

    private void poll() {
        long now = System.currentTimeMillis();
        for (String id : List.copyOf(watches.keySet())) {
            Watch watch = watches.computeIfPresent(id, (k, w) -> w.streams.isEmpty() ? null : w);
            if (watch == null) {
                continue;
            }
            try {
                Optional<Analysis> current = service.find(id);
                for (Stream stream : List.copyOf(watch.streams)) {
                    if (current.isEmpty()) {
                        stream.client.close();
                        continue;
                    }
                    Analysis analysis = current.get();
                    synchronized (stream.client) {
                        if (!analysis.equals(stream.sent)) {
                            send(stream, analysis);
                        } else if (now - stream.lastWrite >= KEEP_ALIVE_MILLIS) {
                            stream.client.sendComment("keep-alive");
                            stream.lastWrite = now;
                        }
                    }
                    if (analysis.status().finished() || now - stream.openedAt >= maxStreamMillis) {
                        stream.client.close();
                    }
                }
            } catch (RuntimeException e) {
                // A failed read is tried again at the next poll; the streams stay open.
                LOG.warn("event streams of analysis {}: {}", id, e.getMessage());
            }
        }
    }

    private void send(Stream stream, Analysis analysis) {
        String event = switch (analysis.status()) {
            case DONE -> "done";
            case FAILED -> "failed";
            case QUEUED, RUNNING -> "progress";
        };
        try {
            stream.client.sendEvent(event, json.writeValueAsString(view.apply(analysis)), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write an analysis as JSON", e);
        }
        stream.sent = analysis;
        stream.lastWrite = System.currentTimeMillis();
    }

    private void remove(String id, Stream stream) {
        Watch watch = watches.get(id);
        if (watch != null) {
            watch.streams.remove(stream);
        }
        if (stream.freed.compareAndSet(false, true)) {
            free(stream.address);
        }
    }

    /** Gives back an admitted place, once per stream. */
    private void free(String address) {
        caps.free(address);
    }

    @Override
    public void close() {
        poller.shutdownNow();
        for (Watch watch : watches.values()) {
            for (Stream stream : List.copyOf(watch.streams)) {
                stream.client.close();
            }
        }
    }
}
