package io.deepsentiment.hashtag.source;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the sources talk HTTP: timeouts, bounded retries and how long a rate limit may be waited out.
 *
 * @param connectTimeout time allowed to open a connection
 * @param requestTimeout time allowed for one whole request, from sending to the last byte of the body
 * @param maxAttempts attempts per request when it times out, fails to connect or gets a 5xx (at least 1)
 * @param retryBaseDelay pause before the second attempt; it doubles before each further attempt
 * @param maxRateLimitWait a 429 whose reset is at most this far away is waited out and the request
 *     sent once more; a later reset fails at once with {@link SourceException.Reason#RATE_LIMITED}
 * @param clock what "now" is when a rate limit's reset is compared with it
 * @param sleeper how the pauses between attempts and before a reset are taken
 */
public record HttpSettings(
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration retryBaseDelay,
        Duration maxRateLimitWait,
        Clock clock,
        Sleeper sleeper) {

    /** Takes a pause: {@link Thread#sleep} in the service, a recording in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** 10 s timeouts, 3 attempts 200 ms and 400 ms apart, rate limits waited out up to 15 s. */
    public static final HttpSettings DEFAULTS = new HttpSettings(
            Duration.ofSeconds(10), Duration.ofSeconds(10), 3, Duration.ofMillis(200), Duration.ofSeconds(15));

    /** On the system clock, pausing with {@link Thread#sleep}. */
    public HttpSettings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration retryBaseDelay,
            Duration maxRateLimitWait) {
        this(connectTimeout, requestTimeout, maxAttempts, retryBaseDelay, maxRateLimitWait, Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    /** The same settings on another clock and sleeper (tests). */
    public HttpSettings withTime(Clock otherClock, Sleeper otherSleeper) {
        return new HttpSettings(connectTimeout, requestTimeout, maxAttempts, retryBaseDelay, maxRateLimitWait,
                otherClock, otherSleeper);
    }

    public HttpSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requireNotNegative(retryBaseDelay, "retryBaseDelay");
        requireNotNegative(maxRateLimitWait, "maxRateLimitWait");
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1..10, not " + maxAttempts);
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }

    private static void requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, not " + d);
        }
    }
}
