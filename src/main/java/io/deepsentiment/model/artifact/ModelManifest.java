package io.deepsentiment.model.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.deepsentiment.model.net.CnnConfig;
import java.util.List;
import java.util.Map;

/**
 * The self-description of a model artifact, stored as {@code manifest.json} beside the weights and
 * the vocabulary: what the model is, how to rebuild and feed it, where it came from, how good it is.
 *
 * @param format always {@link #FORMAT}
 * @param formatVersion layout version of the artifact directory, checked on load
 * @param name short name, such as {@code tweets}
 * @param version a version string that changes with every training run
 * @param createdAt ISO-8601 instant of the training run
 * @param labels class names in output order
 * @param tokenizer how texts were cut into tokens
 * @param network the CNN shape
 * @param training hyper-parameters, seeds, data specs and fingerprints, timings
 * @param metrics evaluation results by data set name (dev, test, ...)
 * @param files SHA-256 of each file of the artifact, checked on load
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(
        String format,
        int formatVersion,
        String name,
        String version,
        String createdAt,
        List<String> labels,
        TokenizerSpec tokenizer,
        CnnConfig network,
        Map<String, Object> training,
        Map<String, Object> metrics,
        Map<String, String> files) {

    public static final String FORMAT = "deepsentiment-model";
    public static final int FORMAT_VERSION = 1;

    /** How the model's texts are tokenized: the tokenizer version and its options. */
    public record TokenizerSpec(int version, boolean markNegation, int maxTokens) {}

    public ModelManifest withFiles(Map<String, String> newFiles) {
        return new ModelManifest(format, formatVersion, name, version, createdAt, labels, tokenizer, network,
                training, metrics, newFiles);
    }

    public ModelManifest withMetrics(Map<String, Object> newMetrics) {
        return new ModelManifest(format, formatVersion, name, version, createdAt, labels, tokenizer, network,
                training, newMetrics, files);
    }
}
