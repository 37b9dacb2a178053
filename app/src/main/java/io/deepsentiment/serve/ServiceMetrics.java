package io.deepsentiment.serve;

import io.deepsentiment.hashtag.live.LiveService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The service's Prometheus metrics: HTTP traffic, batching, queue depth, inference time and the JVM. */
final class ServiceMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final AtomicInteger activeRequests = new AtomicInteger();

    ServiceMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("http.server.requests.active", activeRequests, AtomicInteger::get)
                .description("HTTP requests being answered").register(registry);
    }

    /** The live view's counts: events read, posts matched, scored and dropped, posts waiting. */
    void live(LiveService live) {
        FunctionCounter.builder("live.events", live, LiveService::events)
                .description("Bluesky Jetstream events read").register(registry);
        FunctionCounter.builder("live.posts.matched", live, LiveService::matched)
                .description("live posts with a tracked hashtag").register(registry);
        FunctionCounter.builder("live.posts.scored", live, LiveService::scored)
                .description("live posts scored").register(registry);
        FunctionCounter.builder("live.posts.dropped", live, LiveService::dropped)
                .description("live posts dropped because scoring fell behind").register(registry);
        Gauge.builder("live.posts.waiting", live, LiveService::waiting)
                .description("live posts waiting for scoring").register(registry);
    }

    void requestStarted() {
        activeRequests.incrementAndGet();
    }

    /** One answered HTTP request; {@code route} is the route pattern, never the raw path. */
    void request(String method, String route, int status, long nanos) {
        activeRequests.decrementAndGet();
        Timer.builder("http.server.requests")
                .description("HTTP requests by route and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One forward pass of the micro-batching scorer. */
    void batch(String model, int texts, long nanos) {
        DistributionSummary.builder("sentiment.batch.texts")
                .description("texts per forward pass")
                .tag("model", model)
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(4096.0)
                .register(registry)
                .record(texts);
        Timer.builder("sentiment.inference")
                .description("time of one forward pass")
                .tag("model", model)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("sentiment.texts.scored").tag("model", model).register(registry).increment(texts);
    }

    void queueDepth(String model, AtomicInteger queuedTexts) {
        Gauge.builder("sentiment.queue.texts", queuedTexts, AtomicInteger::get)
                .description("texts waiting to be scored")
                .tag("model", model)
                .register(registry);
    }

    void rejected(String model) {
        Counter.builder("sentiment.queue.rejected").description("requests refused because the queue was full")
                .tag("model", model).register(registry).increment();
    }

    void rateLimited() {
        Counter.builder("http.rate.limited").description("requests refused by the per-client rate limit")
                .register(registry).increment();
    }

    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
