package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.predict.SentimentPredictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The micro-batching queue with a model made in the test that the test can hold and release. */
class BatchScorerTest {

    /** Scores text i as [i, 0]; the first batch waits until released. */
    private static final class HeldModel implements SentimentPredictor {
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final CountDownLatch firstBatchStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public ModelManifest manifest() {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public List<String> tokens(String text) {
            return List.of(text);
        }

        @Override
        public int[] toIds(List<String> tokens) {
            return new int[] {Integer.parseInt(tokens.get(0))};
        }

        @Override
        public List<float[]> probabilities(List<int[]> ids) {
            batchSizes.add(ids.size());
            firstBatchStarted.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<float[]> rows = new ArrayList<>();
            for (int[] id : ids) {
                rows.add(new float[] {id[0], 0});
            }
            return rows;
        }

        @Override
        public void close() {}
    }

    private static ServeOptions options(int queueCapacity) {
        return ServeOptions.defaults(0, Map.of("m", Path.of("unused"))).withQueueCapacity(queueCapacity);
    }

    private static BatchScorer scorer(HeldModel model, ServeOptions options) {
        ServeOptions oneWorker = options.toBuilder().maxBatch(64).maxWaitMillis(0).workers(1).build();
        return new BatchScorer("m", model, oneWorker, new ServiceMetrics());
    }

    private static List<int[]> ids(int... values) {
        List<int[]> out = new ArrayList<>();
        for (int v : values) {
            out.add(new int[] {v});
        }
        return out;
    }

    @Test
    void requests_waiting_together_are_scored_in_one_pass_and_each_gets_its_own_rows() throws Exception {
        HeldModel model = new HeldModel();
        try (BatchScorer scorer = scorer(model, options(8192))) {
            CompletableFuture<List<float[]>> first = scorer.submit(ids(0));
            assertThat(model.firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<List<float[]>>> waiting = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                waiting.add(scorer.submit(ids(i, 100 + i)));
            }
            model.release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS).get(0)[0]).isEqualTo(0f);
            for (int i = 1; i <= 10; i++) {
                List<float[]> rows = waiting.get(i - 1).get(10, TimeUnit.SECONDS);
                assertThat(rows).hasSize(2);
                assertThat(rows.get(0)[0]).isEqualTo(i);
                assertThat(rows.get(1)[0]).isEqualTo(100 + i);
            }
            assertThat(model.batchSizes).containsExactly(1, 20);
        }
    }

    @Test
    void a_request_that_does_not_fit_the_queue_is_refused_at_once() throws Exception {
        HeldModel model = new HeldModel();
        try (BatchScorer scorer = scorer(model, options(5))) {
            scorer.submit(ids(0));
            assertThat(model.firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
            scorer.submit(ids(1, 2, 3));
            scorer.submit(ids(4, 5));
            assertThatThrownBy(() -> scorer.submit(ids(6)))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.code()).isEqualTo("queue_full");
                    });
            model.release.countDown();
        }
    }

    @Test
    void closing_scores_what_is_queued_and_refuses_what_comes_after() throws Exception {
        HeldModel model = new HeldModel();
        BatchScorer scorer = scorer(model, options(8192));
        scorer.submit(ids(0));
        assertThat(model.firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<float[]>> queued = scorer.submit(ids(7));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(scorer::close);
        model.release.countDown();
        closing.get(20, TimeUnit.SECONDS);

        assertThat(queued.get(1, TimeUnit.SECONDS).get(0)[0]).isEqualTo(7f);
        assertThatThrownBy(() -> scorer.submit(ids(8))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("shutting_down"));
    }
}
