package io.deepsentiment.spark;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.deepsentiment.model.artifact.ModelArtifact;
import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.net.CnnConfig;
import io.deepsentiment.model.net.TextCnn;
import io.deepsentiment.model.text.TweetTokenizer;
import io.deepsentiment.model.vocab.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A small CNN with seeded random weights, written as a model directory like any trained one. The
 * score job needs a model, not a good one: its tests compare what the job writes with what this
 * model predicts when loaded on its own, and random weights give each text its own probabilities.
 * (Training lives in the app module, which this module does not depend on.)
 */
final class UntrainedModel {

    static final List<String> LABELS = List.of("negative", "neutral", "positive");
    private static final int MAX_TOKENS = 64;

    private UntrainedModel() {}

    /** Writes the model into {@code dir}; its vocabulary is the tokens of {@code texts}. */
    static Path write(Path dir, String name, List<String> texts) throws IOException {
        TweetTokenizer tokenizer = new TweetTokenizer(true);
        Set<String> words = new LinkedHashSet<>();
        for (String text : texts) {
            words.addAll(tokenizer.tokenize(text));
        }
        Vocabulary vocabulary = Vocabulary.of(words);
        CnnConfig network = new CnnConfig(vocabulary.size(), 16, List.of(2, 3), 8, 0.3f, LABELS.size(), MAX_TOKENS,
                false, 0);
        String now = Instant.now().toString();
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT, ModelManifest.FORMAT_VERSION, name,
                "untrained-" + now, now, LABELS, new ModelManifest.TokenizerSpec(TweetTokenizer.VERSION, true, MAX_TOKENS),
                network, null, null, null, null);
        try (Model model = Model.newInstance(name)) {
            TextCnn net = new TextCnn(network);
            model.setBlock(net);
            Engine.getInstance().setRandomSeed(7);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, MAX_TOKENS));
            ModelArtifact.write(dir, manifest, vocabulary, model, List.of());
        }
        return dir;
    }
}
