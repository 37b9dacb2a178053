package io.deepsentiment.spark;

import io.deepsentiment.model.predict.Prediction;
import io.deepsentiment.model.predict.SentimentPredictor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * Scores one partition in batches, lazily (a partition larger than memory streams through): each
 * row comes out with the values of {@link ScoredColumns} appended, in the input's order. The model
 * sorts each batch by length before its forward passes, as {@code predict} does.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {

    private final String shippedModel;
    private final String modelName;
    private final String modelVersion;
    private final ScoredColumns columns;
    private final int textIndex;
    private final int maxChars;
    private final int batchSize;
    private final LongAccumulator rowsScored;

    PartitionScorer(String shippedModel, String modelName, String modelVersion, ScoredColumns columns,
                    int textIndex, int maxChars, int batchSize, LongAccumulator rowsScored) {
        this.shippedModel = shippedModel;
        this.modelName = modelName;
        this.modelVersion = modelVersion;
        this.columns = columns;
        this.textIndex = textIndex;
        this.maxChars = maxChars;
        this.batchSize = batchSize;
        this.rowsScored = rowsScored;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && rows.hasNext()) {
                    ready.addAll(scoreBatch(rows));
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    private List<Row> scoreBatch(Iterator<Row> rows) {
        List<Row> batch = new ArrayList<>(batchSize);
        List<String> problems = new ArrayList<>(batchSize);
        List<String> texts = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && rows.hasNext()) {
            Row row = rows.next();
            String text = row.isNullAt(textIndex) ? null : row.getString(textIndex);
            String problem = TextCheck.problem(text, maxChars);
            batch.add(row);
            problems.add(problem);
            if (problem == null) {
                texts.add(text);
            }
        }
        SentimentPredictor predictor = ExecutorModels.get(shippedModel);
        List<float[]> probabilities = texts.isEmpty() ? List.of() : predictor.probabilities(predictor.idsOf(texts));
        List<Row> out = new ArrayList<>(batch.size());
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
            String problem = problems.get(i);
            out.add(withScores(predictor, batch.get(i), problem == null ? probabilities.get(next++) : null, problem));
        }
        rowsScored.add(batch.size());
        return out;
    }

    /**
     * Label and polarity as {@code predict} and the API give them (one rule, in the model library);
     * the probabilities unrounded, for aggregates and comparisons.
     */
    private Row withScores(SentimentPredictor predictor, Row row, float[] p, String problem) {
        Object[] values = new Object[row.length() + columns.count()];
        for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
        }
        int at = row.length();
        if (p != null) {
            Prediction prediction = predictor.toPrediction(p);
            values[at] = prediction.label();
            values[at + 1] = prediction.polarity();
            for (int c = 0; c < p.length; c++) {
                values[at + 2 + c] = (double) p[c];
            }
        }
        at += 2 + columns.labels().size();
        values[at] = modelName;
        values[at + 1] = modelVersion;
        values[at + 2] = problem;
        return RowFactory.create(values);
    }
}
