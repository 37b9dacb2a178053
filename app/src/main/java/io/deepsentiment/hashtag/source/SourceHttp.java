package io.deepsentiment.hashtag.source;

import io.deepsentiment.hashtag.source.SourceException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET and POST with the error handling every source shares: timeouts, bounded retries with exponential
 * back-off for connection failures and 5xx, one wait for a 429 whose reset is near, a cap on the
 * body size, and no redirects. Answers other than 429 and 5xx are returned for the source to judge.
 */
final class SourceHttp {

    private static final Logger LOG = LoggerFactory.getLogger(SourceHttp.class);

    /** Larger answers are refused: a page of either API is well under a megabyte. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    /** An answer: status, headers and the body decoded as UTF-8. */
    record Response(int status, HttpHeaders headers, String body) {}

    private final String label;
    private final HttpSettings settings;
    private final Function<HttpHeaders, Instant> rateLimitReset;
    private final Predicate<Response> spendingLimit;
    private final HttpClient client;

    /**
     * @param label how messages name the source, such as {@code X} or {@code Mastodon (mastodon.social)}
     * @param rateLimitReset reads the source's reset header of a 429 (null when absent or unreadable);
     *     {@code Retry-After} (seconds) is the fallback
     */
    SourceHttp(String label, HttpSettings settings, Function<HttpHeaders, Instant> rateLimitReset) {
        this(label, settings, rateLimitReset, response -> false);
    }

    /**
     * @param spendingLimit tells a 429 that is a spending limit (X's usage cap), which no wait lifts,
     *     from a rate limit: such an answer is returned to the source instead of waited out
     */
    SourceHttp(String label, HttpSettings settings, Function<HttpHeaders, Instant> rateLimitReset,
            Predicate<Response> spendingLimit) {
        this.label = label;
        this.settings = settings;
        this.rateLimitReset = rateLimitReset;
        this.spendingLimit = spendingLimit;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    String label() {
        return label;
    }

    /** Sends a GET with these headers; throws {@link SourceException} for 429, persistent 5xx and I/O failures. */
    Response get(URI uri, Map<String, String> headers) {
        return exchange(request(uri, headers).GET().build());
    }

    /**
     * Sends a POST of this JSON body (null: no body), handled as {@link #get}. Only for calls that may be repeated
     * without harm (signing in, refreshing a session), since a 5xx or a timeout is retried.
     */
    Response postJson(URI uri, Map<String, String> headers, String json) {
        HttpRequest.Builder request = request(uri, headers);
        if (json == null) {
            return exchange(request.POST(HttpRequest.BodyPublishers.noBody()).build());
        }
        return exchange(request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    private HttpRequest.Builder request(URI uri, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json")
                .header("User-Agent", "deepsentiment");
        headers.forEach(builder::header);
        return builder;
    }

    private Response exchange(HttpRequest request) {
        URI uri = request.uri();
        boolean waitedForRateLimit = false;
        int attempt = 0;
        while (true) {
            attempt++;
            String failure;
            try {
                Response response = send(request);
                if (response.status() == 429 && !spendingLimit.test(response)) {
                    Instant reset = resetOf(response.headers());
                    Duration wait = reset == null ? null : Duration.between(settings.clock().instant(), reset);
                    if (!waitedForRateLimit && wait != null && wait.compareTo(settings.maxRateLimitWait()) <= 0) {
                        LOG.info("{} rate limit reached; waiting {} until {}", label, seconds(wait), reset);
                        sleep(wait);
                        waitedForRateLimit = true;
                        attempt = 0;
                        continue;
                    }
                    String when = reset == null ? "later" : "after " + reset.truncatedTo(ChronoUnit.SECONDS)
                            .plusSeconds(reset.getNano() > 0 ? 1 : 0);
                    throw new SourceException(Reason.RATE_LIMITED,
                            label + " rate limit reached; try again " + when, reset, null);
                }
                if (response.status() < 500) {
                    return response;
                }
                failure = "answered HTTP " + response.status();
            } catch (HttpConnectTimeoutException e) {
                failure = "could not connect within " + seconds(settings.connectTimeout());
            } catch (HttpTimeoutException e) {
                failure = "did not answer within " + seconds(settings.requestTimeout());
            } catch (ConnectException e) {
                failure = "could not be reached";
            } catch (IOException e) {
                failure = "failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + SourceSupport.clip(e.getMessage(), 120));
            }
            if (attempt >= settings.maxAttempts()) {
                throw new SourceException(Reason.UNAVAILABLE,
                        label + " " + failure + (attempt > 1 ? " (" + attempt + " attempts)" : ""));
            }
            Duration delay = settings.retryBaseDelay().multipliedBy(1L << (attempt - 1));
            LOG.warn("{} {} ({} {}), attempt {} of {}; retrying in {}",
                    label, failure, request.method(), uri.getRawPath(), attempt, settings.maxAttempts(), seconds(delay));
            sleep(delay);
        }
    }

    private Response send(HttpRequest request) throws IOException {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, LimitedBody.HANDLER);
        try {
            // the request timeout of the JDK ends with the headers; this one also covers the body
            HttpResponse<byte[]> response = future.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), response.headers(),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("request timed out");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SourceException(Reason.UNAVAILABLE, label + " request interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LimitedBody.TooLarge) {
                throw new SourceException(Reason.MALFORMED,
                        label + " sent an answer larger than " + (MAX_BODY_BYTES >> 20) + " MB");
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        }
    }

    private Instant resetOf(HttpHeaders headers) {
        Instant reset = rateLimitReset.apply(headers);
        if (reset != null) {
            return reset;
        }
        try {
            return headers.firstValue("Retry-After")
                    .map(s -> settings.clock().instant().plusSeconds(Long.parseLong(s.trim())))
                    .orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            settings.sleeper().sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(Reason.UNAVAILABLE, label + " request interrupted");
        }
    }

    /** "10 s", "2.5 s", "400 ms". */
    static String seconds(Duration d) {
        long millis = Math.max(0, d.toMillis());
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** Collects the body into a byte array, failing with {@link TooLarge} past {@link #MAX_BODY_BYTES}. */
    private static final class LimitedBody implements BodySubscriber<byte[]> {

        /** Refuses an announced Content-Length past the cap before reading anything. */
        static final BodyHandler<byte[]> HANDLER = info -> new LimitedBody(
                info.headers().firstValueAsLong("Content-Length").orElse(-1) > MAX_BODY_BYTES);

        static final class TooLarge extends IOException {
            TooLarge() {
                super("body larger than " + MAX_BODY_BYTES + " bytes");
            }
        }

        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final boolean tooLarge;
        private Flow.Subscription subscription;

        LimitedBody(boolean tooLarge) {
            this.tooLarge = tooLarge;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (tooLarge) {
                subscription.cancel();
                body.completeExceptionally(new TooLarge());
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > MAX_BODY_BYTES) {
                    subscription.cancel();
                    body.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error); // no effect after TooLarge
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }
    }
}
