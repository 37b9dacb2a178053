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
 * A small three-class CNN trained on {@link SyntheticSentiment} data, once per test JVM, for tests
 * that need a model but not the shipped weights (it takes a few seconds).
 */
public final class TinyModel {

    private static Path model;

    private TinyModel() {}

    /** The model's directory (trained on first use, deleted at exit). */
    public static synchronized Path directory() {
        if (model == null) {
            model = train();
        }
        return model;
    }

    private static Path train() {
        try {
            Path dir = Files.createTempDirectory("deepsentiment-tiny-model-");
            dir.toFile().deleteOnExit();
            List<String> labels = List.of("negative", "neutral", "positive");
            Path train = SyntheticSentiment.csv(dir.resolve("train.csv"), labels, 300, 1);
            Path dev = SyntheticSentiment.csv(dir.resolve("dev.csv"), labels, 60, 2);
            Path out = dir.resolve("tiny");
            TrainingOptions options = TrainingOptions.builder().name("tiny").out(out)
                    .train(List.of("csv:" + train)).dev(List.of("csv:" + dev))
                    .embeddingDim(16).filterWidths(List.of(2, 3)).filters(8).dropout(0.3f).maxTokens(40)
                    .minCount(1).maxVocabulary(5000).epochs(3).patience(2).batchSize(32).learningRate(0.005f).seed(7)
                    .build();
            new TrainingRun(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    List.of("TinyModel")).run();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
