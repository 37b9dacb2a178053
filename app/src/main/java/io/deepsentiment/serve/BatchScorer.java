package io.deepsentiment.serve;

import io.deepsentiment.model.predict.SentimentPredictor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The micro-batching queue of one model: requests from many HTTP threads are coalesced into one
 * forward pass, because one pass over 64 texts costs far less than 64 passes over one text.
 *
 * <p>Each worker takes the oldest request, adds every request already waiting (up to
 * {@link ServeOptions#maxBatch()} texts), waits at most {@link ServeOptions#maxWaitMillis()} for
 * more, scores them together and hands every request its own rows back. The queue is bounded in
 * texts: a request that does not fit is refused at once (503 with Retry-After) instead of waiting
 * behind work the service cannot finish in time.
 */
final class BatchScorer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchScorer.class);

    private record Job(List<int[]> ids, CompletableFuture<List<float[]>> result) {}

    private final String model;
    private final SentimentPredictor predictor;
    private final ServeOptions options;
    private final ServiceMetrics metrics;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedTexts = new AtomicInteger();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    BatchScorer(String model, SentimentPredictor predictor, ServeOptions options, ServiceMetrics metrics) {
        this.model = model;
        this.predictor = predictor;
        this.options = options;
        this.metrics = metrics;
        metrics.queueDepth(model, queuedTexts);
        for (int i = 0; i < options.workers(); i++) {
            Thread worker = new Thread(this::work, "scorer-" + model + "-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /** Texts this model's queue holds: the service's limit, or less for a slow model. */
    int capacity() {
        return Math.min(options.queueCapacity(), predictor.maxQueuedTexts());
    }

    /**
     * Queues texts (as token ids) for scoring; the future gets one probability row per text, in order.
     *
     * @throws ApiException 503 when the queue is full or the scorer is shutting down
     */
    CompletableFuture<List<float[]>> submit(List<int[]> ids) {
        if (closed) {
            throw new ApiException(503, "shutting_down", "the service is shutting down", 1);
        }
        int texts = ids.size();
        while (true) {
            int queued = queuedTexts.get();
            // An empty queue takes any request, so one large allowed request can never be refused forever.
            if (queued > 0 && queued + texts > capacity()) {
                metrics.rejected(model);
                throw new ApiException(503, "queue_full", "the service is busy (" + queued
                        + " texts waiting); try again shortly", 1);
            }
            if (queuedTexts.compareAndSet(queued, queued + texts)) {
                break;
            }
        }
        CompletableFuture<List<float[]>> result = new CompletableFuture<>();
        queue.add(new Job(ids, result));
        return result;
    }

    private void work() {
        while (!closed || !queue.isEmpty()) {
            List<Job> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                return;
            }
            if (!batch.isEmpty()) {
                score(batch);
            }
        }
    }

    private List<Job> nextBatch() throws InterruptedException {
        Job first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        List<Job> batch = new ArrayList<>();
        batch.add(first);
        int texts = first.ids().size();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.maxWaitMillis());
        while (texts < options.maxBatch()) {
            Job next = queue.poll();
            if (next == null) {
                long wait = deadline - System.nanoTime();
                if (wait <= 0 || (next = queue.poll(wait, TimeUnit.NANOSECONDS)) == null) {
                    break;
                }
            }
            batch.add(next);
            texts += next.ids().size();
        }
        return batch;
    }

    private void score(List<Job> batch) {
        List<int[]> ids = new ArrayList<>();
        for (Job job : batch) {
            ids.addAll(job.ids());
        }
        queuedTexts.addAndGet(-ids.size());
        long start = System.nanoTime();
        try {
            List<float[]> rows = predictor.probabilities(ids);
            metrics.batch(model, ids.size(), System.nanoTime() - start);
            int from = 0;
            for (Job job : batch) {
                int to = from + job.ids().size();
                job.result().complete(rows.subList(from, to));
                from = to;
            }
        } catch (RuntimeException e) {
            LOG.error("scoring a batch of {} texts failed: {}", ids.size(), e.toString());
            batch.forEach(job -> job.result().completeExceptionally(e));
        }
    }

    /** Stops taking work; requests already queued are scored before the workers stop. */
    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Job left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new ApiException(503, "shutting_down", "the service is shutting down", 1));
        }
    }
}
