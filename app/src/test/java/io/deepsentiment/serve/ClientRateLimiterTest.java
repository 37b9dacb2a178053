package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The limiter on a clock the test moves: exact, whatever else the machine is doing. */
class ClientRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Ticker clock = now::get;

    @Test
    void a_client_gets_its_burst_then_the_rate_and_is_told_when_to_retry() {
        ClientRateLimiter limiter = new ClientRateLimiter(2, 3, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a")).isZero();
        }
        assertThat(limiter.acquire("a")).isEqualTo(1); // half a second to the next token: retry after 1 s
        assertThat(limiter.acquire("b")).as("another client has its own bucket").isZero();

        advance(499);
        assertThat(limiter.acquire("a")).isEqualTo(1);
        advance(1);
        assertThat(limiter.acquire("a")).isZero();
        advance(10_000);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a")).as("refilled to the burst, not beyond").isZero();
        }
        assertThat(limiter.acquire("a")).isPositive();
    }

    @Test
    void a_slow_rate_says_how_many_seconds_to_wait() {
        ClientRateLimiter limiter = new ClientRateLimiter(0.1, 1, clock);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(10);
        advance(4_000);
        assertThat(limiter.acquire("a")).isEqualTo(6);
    }

    @Test
    void a_flood_of_distinct_addresses_keeps_memory_bounded() {
        ClientRateLimiter limiter = new ClientRateLimiter(1, 1, clock);
        for (int i = 0; i < 3 * ClientRateLimiter.MAX_CLIENTS; i++) {
            assertThat(limiter.acquire("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + ":" + i))
                    .isZero();
        }
        assertThat(limiter.clients()).isLessThanOrEqualTo(ClientRateLimiter.MAX_CLIENTS);
    }

    @Test
    void a_client_idle_for_a_minute_is_forgotten_and_starts_with_a_full_bucket() {
        ClientRateLimiter limiter = new ClientRateLimiter(0.001, 1, clock); // one token per 1,000 s
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(1000);
        advance(30_000);
        assertThat(limiter.acquire("a")).as("not idle long enough: still limited").isEqualTo(970);
        advance(61_000);
        assertThat(limiter.acquire("a")).isZero();
    }

    @Test
    void with_no_rate_nothing_is_limited() {
        ClientRateLimiter limiter = new ClientRateLimiter(0, 1, clock);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire("a")).isZero();
        }
    }

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
