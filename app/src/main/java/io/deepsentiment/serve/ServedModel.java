package io.deepsentiment.serve;

import io.deepsentiment.model.predict.SentimentPredictor;

/** A loaded model with the queue that batches its requests. */
record ServedModel(String name, SentimentPredictor predictor, BatchScorer scorer) {}
