package io.deepsentiment.train.fit;

import java.nio.file.Path;
import java.util.List;

/**
 * Knowledge distillation: a trained model (the teacher, e.g. {@code tweets-accurate}) scores the
 * training texts and more, and the network learns its probabilities beside the hand labels.
 *
 * @param model the teacher's model directory
 * @param transfer more texts for the teacher to label (their own labels, if any, are not used)
 * @param weight share of the teacher's probabilities in the target of a hand-labelled example
 *     (0: hand labels only; 1: the teacher only); texts of {@code transfer} get the teacher's alone
 * @param cacheDir where the teacher's scores are kept, so a repeated or stopped run does not score again
 */
public record TeacherOptions(Path model, List<String> transfer, float weight, Path cacheDir) {

    public TeacherOptions {
        transfer = List.copyOf(transfer);
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("--teacher-weight must be between 0 and 1, not " + weight);
        }
    }
}
