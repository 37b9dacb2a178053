package io.deepsentiment.serve;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The caps on open event streams, per client and in all, shared by every kind of stream: a request
 * takes a place before its stream opens, or is refused with 429 / 503 and {@code Retry-After}, and
 * gives the place back when the stream ends.
 */
final class StreamCaps {

    private final int maxStreams;
    private final int maxPerClient;
    private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    StreamCaps(int maxStreams, int maxPerClient) {
        this.maxStreams = maxStreams;
        this.maxPerClient = maxPerClient;
    }

    /**
     * Takes a place for a stream of {@code address}, or refuses.
     *
     * @param instead what the client can do instead, such as "poll GET /api/v1/analyses/{id}"
     */
    void admit(String address, String instead) {
        AtomicInteger mine = perClient.computeIfAbsent(address, a -> new AtomicInteger());
        if (mine.incrementAndGet() > maxPerClient) {
            release(address);
            throw new ApiException(429, "too_many_streams", "at most " + maxPerClient
                    + " open event streams per client; close one or " + instead, 10);
        }
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            release(address);
            throw new ApiException(503, "too_many_streams", "the service has " + maxStreams
                    + " event streams open; try again shortly or " + instead, 10);
        }
    }

    /** Gives back a place taken by {@link #admit}; once per stream. */
    void free(String address) {
        open.decrementAndGet();
        release(address);
    }

    int open() {
        return open.get();
    }

    private void release(String address) {
        perClient.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
}
