package io.deepsentiment.train.fit;

import io.deepsentiment.train.data.DataException;
import io.deepsentiment.train.data.DataSplits;
import io.deepsentiment.train.data.DatasetSpec;
import io.deepsentiment.train.data.LabelledData;
import io.deepsentiment.train.data.LabelledText;
import io.deepsentiment.train.data.ReadSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The train, development, test and distant sets of a run, loaded from their specs, with every
 * held-out example removed from the sets used for training.
 */
public record SplitData(LabelledData train, LabelledData dev, LabelledData test, LabelledData distant,
        String trainSpec, String devSpec, String testSpec) {

    static SplitData load(TrainingOptions options, Random random, TrainingProgress progress) {
        return load(options.train(), options.dev(), options.devFraction(), options.test(), options.distant(),
                options.seed(), random, progress);
    }

    /** Loads the sets from their specs; with no dev spec, {@code devFraction} of train is held out. */
    public static SplitData load(List<String> trainSpecs, List<String> devSpecs, double devFraction,
            List<String> testSpecs, List<String> distantSpecs, long seed, Random random, TrainingProgress progress) {
        LabelledData train = loadAll(trainSpecs);
        progress.line("train: %s", train.describe());
        LabelledData test = loadAll(testSpecs);
        if (!testSpecs.isEmpty()) {
            progress.line("test: %s", test.describe());
        }
        LabelledData dev;
        String devSpec;
        if (devSpecs.isEmpty()) {
            LabelledData[] split = holdOut(train, devFraction, random);
            train = split[0];
            dev = split[1];
            devSpec = String.format(java.util.Locale.ROOT, "%.0f%% of train held out (seed %d)",
                    devFraction * 100, seed);
        } else {
            dev = loadAll(devSpecs);
            devSpec = String.join(" ", devSpecs);
        }
        progress.line("dev: %s", dev.describe());
        if (dev.size() == 0) {
            throw new DataException("the development set is empty");
        }
        dev = noLeak(dev, test);
        train = noLeak(train, dev, test);
        LabelledData distant = noLeak(loadAll(distantSpecs), dev, test);
        if (!distantSpecs.isEmpty()) {
            progress.line("distant: %s", distant.describe());
        }
        progress.line("after removing held-out examples from training: train %d, dev %d, test %d",
                train.size(), dev.size(), test.size());
        List<String> labels = train.labels();
        if (labels.size() < 2) {
            throw new DataException("training data has only the labels " + labels + "; at least two are needed");
        }
        checkLabels("the development set", dev, labels);
        checkLabels("the test set", test, labels);
        return new SplitData(train, dev, test, distant, String.join(" ", trainSpecs), devSpec,
                String.join(" ", testSpecs));
    }

    private static LabelledData loadAll(List<String> specs) {
        List<LabelledText> examples = new ArrayList<>();
        List<ReadSummary> summaries = new ArrayList<>();
        for (String spec : specs) {
            LabelledData d = DatasetSpec.load(spec);
            examples.addAll(d.examples());
            summaries.addAll(d.summaries());
        }
        return new LabelledData(examples, summaries);
    }

    private static LabelledData[] holdOut(LabelledData data, double fraction, Random random) {
        if (fraction <= 0 || fraction >= 1) {
            throw new DataException("no --dev set given and --dev-fraction " + fraction + " is not in (0, 1)");
        }
        List<LabelledText> shuffled = new ArrayList<>(data.examples());
        Collections.shuffle(shuffled, random);
        int devSize = (int) Math.round(shuffled.size() * fraction);
        return new LabelledData[] {
            new LabelledData(shuffled.subList(devSize, shuffled.size()), data.summaries()),
            new LabelledData(shuffled.subList(0, devSize), List.of())
        };
    }

    /** Provenance for the artifact: specs, sizes, label counts and fingerprints. */
    public Map<String, Object> record() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train", describe(trainSpec, train));
        m.put("dev", describe(devSpec, dev));
        if (test.size() > 0) {
            m.put("test", describe(testSpec, test));
        }
        if (distant.size() > 0) {
            m.put("distant", describe("", distant));
        }
        return m;
    }

    private static Map<String, Object> describe(String spec, LabelledData d) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!spec.isEmpty()) {
            m.put("spec", spec);
        }
        m.put("examples", d.size());
        m.put("labels", d.labelCounts());
        m.put("sha256", DataSplits.fingerprint(d));
        return m;
    }

    private static void checkLabels(String what, LabelledData data, List<String> labels) {
        for (String l : data.labels()) {
            if (!labels.contains(l)) {
                throw new DataException(what + " has label '" + l + "' that the training data lacks " + labels);
            }
        }
    }

    /** {@code train} without any example of the held-out sets, checked. */
    static LabelledData noLeak(LabelledData train, LabelledData... heldOut) {
        LabelledData clean = DataSplits.removeOverlap(train, heldOut);
        DataSplits.checkNoLeak(clean, heldOut);
        return clean;
    }
}
