package io.deepsentiment.testing;

import io.deepsentiment.train.fit.TrainingOptions;
import io.deepsentiment.train.fit.TrainingRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Small CNNs trained on {@link SyntheticSentiment} data until their answers are confident, once per
 * test JVM each (a few seconds), for every test that needs a model but not the shipped weights,
 * including those that assert what a model answers: a label, a polarity, a highlighted word.
 *
 * <p>The models know only the words of {@link SyntheticSentiment}: positive great, love, awesome,
 * happy, wonderful, best, amazing; negative awful, hate, terrible, sad, worst, boring, angry; neutral
 * tomorrow, schedule, report, meeting, announced, tuesday; and filler such as the, i, it, was, this,
 * my, day, movie, phone, game, show. A text that must get a label is written with these words. Both
 * are evaluated on a synthetic test set, so their manifests carry test metrics as shipped models do.
 */
public final class TinyModel {

    public static final List<String> THREE_LABELS = List.of("negative", "neutral", "positive");
    public static final List<String> TWO_LABELS = List.of("negative", "positive");

    private static Path threeLabels;
    private static Path twoLabels;

    private TinyModel() {}

    /** A model of negative, neutral and positive texts, reading up to 64 tokens (as the tweets model). */
    public static synchronized Path threeLabels() {
        if (threeLabels == null) {
            threeLabels = train("tiny-three-labels", THREE_LABELS, 64, 21);
        }
        return threeLabels;
    }

    /**
     * A model without a neutral label (as the reviews model), reading up to 400 tokens, so that a
     * long text is many explanation rows.
     */
    public static synchronized Path twoLabels() {
        if (twoLabels == null) {
            twoLabels = train("tiny-two-labels", TWO_LABELS, 400, 31);
        }
        return twoLabels;
    }

    /** Trains on 600 texts, stops early on 60 more and is evaluated on another 60; deleted at exit. */
    private static Path train(String name, List<String> labels, int maxTokens, long seed) {
        try {
            Path dir = Files.createTempDirectory("deepsentiment-" + name + "-");
            dir.toFile().deleteOnExit();
            Path train = SyntheticSentiment.csv(dir.resolve("train.csv"), labels, 600, seed);
            Path dev = SyntheticSentiment.csv(dir.resolve("dev.csv"), labels, 60, seed + 1);
            Path test = SyntheticSentiment.csv(dir.resolve("test.csv"), labels, 60, seed + 2);
            Path out = dir.resolve(name);
            TrainingOptions options = TrainingOptions.builder().name(name).out(out)
                    .train(List.of("csv:" + train)).dev(List.of("csv:" + dev)).test(List.of("csv:" + test))
                    .embeddingDim(16).filterWidths(List.of(2, 3)).filters(8).dropout(0.3f).maxTokens(maxTokens)
                    .minCount(1).maxVocabulary(5000).epochs(8).patience(1).batchSize(32).learningRate(0.02f).seed(7)
                    .build();
            new TrainingRun(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    List.of("TinyModel")).run();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
