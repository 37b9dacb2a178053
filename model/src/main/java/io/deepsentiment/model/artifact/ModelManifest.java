package io.deepsentiment.model.artifact;

import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * @param network the CNN shape (null for an encoder model)
 * @param encoder for a fine-tuned transformer encoder: its base, shape and what training changed (null for a CNN)
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
        EncoderSpec encoder,
        Map<String, Object> training,
        Map<String, Object> metrics,
        Map<String, String> files) {

    public static final String FORMAT = "deepsentiment-model";
    public static final int FORMAT_VERSION = 1;

    /** How the model's texts are tokenized: the tokenizer version and its options. */
    public record TokenizerSpec(int version, boolean markNegation, int maxTokens) {}

    /**
     * A model fine-tuned from a pretrained encoder. Only the weights training changed are in the
     * model directory ({@link #weights}); the others are read from the base encoder's Maven artifact,
     * whose ONNX file must have the SHA-256 recorded here.
     *
     * @param base the encoder's short name ({@code e5-small-v2})
     * @param maven the Maven coordinates of the jar that holds it
     * @param onnxResource the ONNX file inside that jar
     * @param onnxSha256 its SHA-256, checked on load
     * @param tokenizerResource the tokenizer inside that jar
     * @param tokenizerSha256 its SHA-256, checked on load
     * @param prefix text put before every input
     * @param preprocessing version of {@code EncoderTokenizer}'s preprocessing
     * @param maxPieces inputs are cut to this many word pieces
     * @param network the encoder's and the head's shape
     * @param trainedLayers how many of the top layers training changed (the head always)
     * @param weights the file of the changed weights, by Hugging Face name
     */
    public record EncoderSpec(String base, String maven, String onnxResource, String onnxSha256,
            String tokenizerResource, String tokenizerSha256, String prefix, int preprocessing, int maxPieces,
            EncoderConfig network, int trainedLayers, String weights) {}

    @JsonIgnore
    public boolean isEncoder() {
        return encoder != null;
    }

    public ModelManifest withFiles(Map<String, String> newFiles) {
        return new ModelManifest(format, formatVersion, name, version, createdAt, labels, tokenizer, network,
                encoder, training, metrics, newFiles);
    }

    public ModelManifest withTraining(Map<String, Object> newTraining) {
        return new ModelManifest(format, formatVersion, name, version, createdAt, labels, tokenizer, network,
                encoder, newTraining, metrics, files);
    }

    public ModelManifest withMetrics(Map<String, Object> newMetrics) {
        return new ModelManifest(format, formatVersion, name, version, createdAt, labels, tokenizer, network,
                encoder, training, newMetrics, files);
    }
}
