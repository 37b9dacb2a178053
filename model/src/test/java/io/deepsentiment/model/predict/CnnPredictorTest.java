package io.deepsentiment.model.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.artifact.WeightsFile;
import io.deepsentiment.model.net.CnnConfig;
import io.deepsentiment.model.net.TextCnn;
import io.deepsentiment.model.text.TweetTokenizer;
import io.deepsentiment.model.vocab.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scoring with mix weights given to the predictor, as training tries them on its development set. */
class CnnPredictorTest {

    private static final List<String> LABELS = List.of("negative", "neutral", "positive");
    private static final List<String> WORDS = List.of("good", "bad", "fine", "awful", "great", "meh", "ok", "nice");

    @Test
    void given_weights_score_as_the_network_with_them_set_and_leave_its_own_as_they_were() {
        try (Model model = randomModel(64)) {
            CnnPredictor predictor = predictor(model);
            List<int[]> ids = predictor.idsOf(List.of("good fine great", "bad awful", "meh ok nice good", ""));
            List<float[]> before = predictor.probabilities(ids);

            List<float[]> given = predictor.withMix(0.3f, 1.7f).probabilities(ids);

            assertThat(predictor.probabilities(ids)).containsExactlyElementsOf(before);
            ((TextCnn) model.getBlock()).setMix(0.3f, 1.7f);
            List<float[]> set = predictor.probabilities(ids);
            assertThat(given).containsExactlyElementsOf(set);
            assertThat(set.get(0)).isNotEqualTo(before.get(0));
        }
    }

    @Test
    void a_network_without_a_bag_has_nothing_to_mix() {
        try (Model model = randomModel(0)) {
            assertThatThrownBy(() -> predictor(model).withMix(1, 0)).isInstanceOf(IllegalStateException.class);
        }
    }

    private static CnnPredictor predictor(Model model) {
        TextCnn net = (TextCnn) model.getBlock();
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT, ModelManifest.FORMAT_VERSION, "test", "1",
                "now", LABELS, new ModelManifest.TokenizerSpec(TweetTokenizer.VERSION, false, 10), net.config(),
                null, null, null, null);
        return new CnnPredictor(manifest, Vocabulary.of(WORDS), model);
    }

    /** A network whose every weight, the bag's included, is random (the bag starts at zero otherwise). */
    private static Model randomModel(int ngramBuckets) {
        Model model = Model.newInstance("test");
        TextCnn net = new TextCnn(new CnnConfig(WORDS.size() + 2, 4, List.of(2), 3, 0f, 3, 10, false, ngramBuckets));
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3));
        Random random = new Random(5);
        Map<String, float[]> weights = WeightsFile.snapshot(net);
        for (Map.Entry<String, float[]> e : new ArrayList<>(weights.entrySet())) {
            if (!e.getKey().equals("mix")) {
                float[] values = new float[e.getValue().length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian();
                }
                weights.put(e.getKey(), values);
            }
        }
        WeightsFile.restore(net, weights, model.getNDManager());
        return model;
    }
}
