package io.deepsentiment.cli;

import io.deepsentiment.model.artifact.ModelLocation;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepsentiment.model.predict.SentimentPredictor;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Reads one text per line and writes one JSON prediction per line, in the same order. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Score texts, one per line (stdin by default); writes one JSON object per line.")
final class PredictCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lines scored together: enough for the predictor to batch texts of similar length. */
    private static final int CHUNK = 4096;

    @Option(names = "--model", defaultValue = "tweets", description = "tweets (fast), tweets-accurate, reviews or a model directory (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--input", description = "file with one text per line (default: standard input)")
    Path input;

    @Option(names = "--stats", description = "print throughput (texts/second, end to end and model only) to stderr")
    boolean stats;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        try (SentimentPredictor predictor = SentimentPredictor.load(ModelLocation.resolve(model));
                BufferedReader in = input == null
                        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                        : Files.newBufferedReader(input, StandardCharsets.UTF_8);
                BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
            long loaded = System.nanoTime();
            long modelNanos = 0;
            long tokenizerNanos = 0;
            long count = 0;
            List<String> batch = new ArrayList<>(CHUNK);
            String line;
            while (true) {
                line = in.readLine();
                if (line != null) {
                    batch.add(line);
                }
                if (batch.size() == CHUNK || line == null && !batch.isEmpty()) {
                    long t0 = System.nanoTime();
                    List<int[]> ids = predictor.idsOf(batch);
                    long t1 = System.nanoTime();
                    List<float[]> probabilities = predictor.probabilities(ids);
                    modelNanos += System.nanoTime() - t1;
                    tokenizerNanos += t1 - t0;
                    for (float[] p : probabilities) {
                        out.write(JSON.writeValueAsString(predictor.toPrediction(p)));
                        out.write('\n');
                    }
                    count += batch.size();
                    batch.clear();
                }
                if (line == null) {
                    break;
                }
            }
            out.flush();
            if (stats) {
                double total = (System.nanoTime() - loaded) / 1e9;
                System.err.printf(java.util.Locale.ROOT,
                        "%d texts in %.2f s (model loaded in %.2f s): %.0f texts/s end to end (read, tokenize, "
                        + "network, write JSON); tokenizer %.0f texts/s; network %.0f texts/s%n",
                        count, total, (loaded - start) / 1e9, count / total, count / (tokenizerNanos / 1e9),
                        count / (modelNanos / 1e9));
            }
        }
        return 0;
    }
}
