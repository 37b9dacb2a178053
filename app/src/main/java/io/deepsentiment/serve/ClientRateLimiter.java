package io.deepsentiment.serve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * A token bucket per client address: {@code rate} requests per second on average, bursts of up to
 * {@code burst}. The buckets live in a Caffeine cache bounded in size and dropped after a minute
 * idle, so a flood of distinct addresses costs constant work per request and bounded memory (a
 * client whose bucket is evicted starts again with a full one: the bound is set far above the
 * number of clients a service sees in a minute).
 */
final class ClientRateLimiter {

    static final long MAX_CLIENTS = 100_000;
    private static final Duration IDLE = Duration.ofMinutes(1);

    private final double ratePerNano;
    private final double burst;
    private final Ticker ticker;
    private final Cache<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }
    }

    ClientRateLimiter(double perSecond, int burst) {
        this(perSecond, burst, Ticker.systemTicker());
    }

    /** @param ticker the time source, in nanoseconds: the system's, or a test's */
    ClientRateLimiter(double perSecond, int burst, Ticker ticker) {
        this.ratePerNano = perSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.ticker = ticker;
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterAccess(IDLE).ticker(ticker)
                .executor(Runnable::run).build();
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
        long now = ticker.read();
        Bucket bucket = buckets.get(client, c -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.updated) * ratePerNano);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / ratePerNano / 1e9));
        }
    }

    /** How many clients have a bucket now (after pending evictions). */
    long clients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }
}
