package io.deepsentiment.model.predict;

import io.deepsentiment.model.artifact.ModelManifest;
import java.util.List;

/**
 * Texts in, one prediction per text out, in the same order: what everything that scores texts
 * calls. A {@link SentimentPredictor} is one (it scores on the caller's thread); the service's is
 * its micro-batching queue, so that background work such as hashtag analyses shares the queue,
 * its bound and its threads with the API instead of running beside them.
 */
public interface Scorer {

    /** The model that scores: its name, version and labels. */
    ModelManifest manifest();

    List<Prediction> score(List<String> texts);
}
