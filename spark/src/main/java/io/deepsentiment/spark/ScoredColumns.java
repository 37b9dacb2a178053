package io.deepsentiment.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The columns a score job adds after the input's own: label, polarity, one probability per label
 * of the model ({@code p_negative}, ...), the model's name and version, and the error that kept a
 * row from being scored (null for scored rows, whose scores are null otherwise).
 */
final class ScoredColumns implements Serializable {

    private final String prefix;
    private final List<String> labels;
    private final int count;

    ScoredColumns(String prefix, List<String> labels) {
        this.prefix = prefix;
        this.labels = List.copyOf(labels);
        this.count = names().size();
    }

    List<String> labels() {
        return labels;
    }

    String label() {
        return prefix + "label";
    }

    String polarity() {
        return prefix + "polarity";
    }

    String probability(String label) {
        return prefix + "p_" + label;
    }

    String model() {
        return prefix + "model";
    }

    String modelVersion() {
        return prefix + "model_version";
    }

    String error() {
        return prefix + "error";
    }

    List<String> names() {
        List<String> names = new ArrayList<>(List.of(label(), polarity()));
        labels.forEach(l -> names.add(probability(l)));
        names.addAll(List.of(model(), modelVersion(), error()));
        return names;
    }

    /** How many values {@link #names()} adds to a row (counted once: it is asked for every row). */
    int count() {
        return count;
    }

    StructType appendTo(StructType input) {
        StructType out = input.add(label(), DataTypes.StringType, true)
                .add(polarity(), DataTypes.DoubleType, true);
        for (String l : labels) {
            out = out.add(probability(l), DataTypes.DoubleType, true);
        }
        return out.add(model(), DataTypes.StringType, false)
                .add(modelVersion(), DataTypes.StringType, true)
                .add(error(), DataTypes.StringType, true);
    }
}
