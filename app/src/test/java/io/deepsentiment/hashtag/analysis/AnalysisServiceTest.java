package io.deepsentiment.hashtag.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepsentiment.hashtag.source.Post;
import io.deepsentiment.hashtag.source.PostSource;
import io.deepsentiment.hashtag.store.DatabaseConfig;
import io.deepsentiment.hashtag.store.JdbcAnalysisStore;
import io.deepsentiment.model.predict.Scorer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service over a real SQLite store with sources made in the test (no model is reached). */
class AnalysisServiceTest {

    @TempDir
    Path dir;

    /** A source that counts its calls, holds them until released, then fails as it was told. */
    private static final class HeldSource implements PostSource {
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);
        final RuntimeException failure;

        HeldSource(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public String name() {
            return "mastodon";
        }

        @Override
        public List<Post> fetch(String hashtag, int limit, IntConsumer fetchedSoFar) {
            calls.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw failure;
        }
    }

    @Test
    void many_submissions_of_one_tag_at_once_start_exactly_one_analysis() throws Exception {
        HeldSource source = new HeldSource(new IllegalStateException("stop here"));
        try (JdbcAnalysisStore store = JdbcAnalysisStore.open(DatabaseConfig.sqlite(dir.resolve("race.db")));
                AnalysisService service = service(source, store)) {
            service.start();
            ExecutorService clients = Executors.newFixedThreadPool(16);
            try {
                List<Future<AnalysisService.Submission>> submissions = new ArrayList<>();
                CountDownLatch go = new CountDownLatch(1);
                for (int i = 0; i < 64; i++) {
                    submissions.add(clients.submit(() -> {
                        go.await();
                        return service.submit("Race", "mastodon", 100, "tweets");
                    }));
                }
                go.countDown();
                Set<String> ids = new HashSet<>();
                int fresh = 0;
                for (Future<AnalysisService.Submission> s : submissions) {
                    ids.add(s.get().analysis().id());
                    fresh += s.get().reused() ? 0 : 1;
                }
                assertThat(ids).hasSize(1);
                assertThat(fresh).isEqualTo(1);
                awaitCalls(source, 1);
                Thread.sleep(300); // time for a second analysis to start, were there one
                assertThat(source.calls.get()).isEqualTo(1);
            } finally {
                source.release.countDown();
                clients.shutdownNow();
            }
        }
    }

    @Test
    void an_unexpected_error_tells_the_user_a_sentence_without_java_names() throws Exception {
        HeldSource source = new HeldSource(new NullPointerException("Cannot invoke \"String.length()\""));
        source.release.countDown();
        try (JdbcAnalysisStore store = JdbcAnalysisStore.open(DatabaseConfig.sqlite(dir.resolve("error.db")));
                AnalysisService service = service(source, store)) {
            service.start();
            String id = service.submit("broken", "mastodon", 100, "tweets").analysis().id();
            Analysis failed = awaitFinished(service, id);

            assertThat(failed.status()).isEqualTo(AnalysisStatus.FAILED);
            assertThat(failed.error()).startsWith("the analysis failed because of an error in the service")
                    .contains(id).doesNotContain("Exception").doesNotContain("java.").doesNotContain("String.length");
        }
    }

    private AnalysisService service(PostSource source, JdbcAnalysisStore store) {
        return new AnalysisService(Map.of("mastodon", source), store,
                name -> CompletableFuture.<Scorer>failedFuture(new IllegalStateException("no model here")),
                Set.of("tweets"), "tweets", AnalysisOptions.defaults().withPoll(Duration.ofMillis(50)),
                Clock.systemUTC());
    }

    private static void awaitCalls(HeldSource source, int calls) throws InterruptedException {
        for (int i = 0; i < 200 && source.calls.get() < calls; i++) {
            Thread.sleep(25);
        }
    }

    private static Analysis awaitFinished(AnalysisService service, String id) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            Analysis a = service.find(id).orElseThrow();
            if (a.status().finished()) {
                return a;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("analysis " + id + " did not finish");
    }
}
