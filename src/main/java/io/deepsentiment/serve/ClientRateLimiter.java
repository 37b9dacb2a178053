package io.deepsentiment.serve;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address: {@code rate} requests per second on average, bursts of up to
 * {@code burst}. Written by hand because it is a few lines and the usual library for it (Bucket4j)
 * is not among the packages this project may use; buckets idle for a minute are dropped so the map
 * cannot grow without bound.
 */
final class ClientRateLimiter {

    private static final long IDLE_NANOS = 60_000_000_000L;
    private static final int SWEEP_ABOVE = 10_000;

    private final double ratePerNano;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }
    }

    ClientRateLimiter(double perSecond, int burst) {
        this.ratePerNano = perSecond / 1e9;
        this.burst = Math.max(1, burst);
    }

    boolean enabled() {
        return ratePerNano > 0;
    }

    /**
     * Takes one token for the client.
     *
     * @return 0 when the request may go on, otherwise the whole seconds after which it may be retried
     */
    long acquire(String client) {
        if (!enabled()) {
            return 0;
        }
        long now = System.nanoTime();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(b -> now - b.updated > IDLE_NANOS);
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * ratePerNano);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / ratePerNano / 1e9));
        }
    }
}
