package io.deepsentiment.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per group of the --group-by columns: rows, scored rows, rows with errors, the share of each label
 * among the scored rows, and the mean polarity with its 95% confidence interval (normal
 * approximation, mean +- 1.96 standard errors; null for a group of fewer than two scored rows).
 */
final class GroupAggregates {

    /** Two-sided 95% quantile of the standard normal distribution. */
    static final double Z_95 = 1.959964;

    private GroupAggregates() {}

    static Dataset<Row> of(Dataset<Row> scored, List<String> groupBy, ScoredColumns columns) {
        Column scoredRow = col(columns.error()).isNull();
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(count(col(columns.polarity())).as("scored"));
        aggregates.add(sum(when(scoredRow, 0).otherwise(1)).as("errors"));
        for (String label : columns.labels()) {
            aggregates.add(avg(when(scoredRow, when(col(columns.label()).equalTo(label), 1.0).otherwise(0.0)))
                    .as("share_" + label));
        }
        aggregates.add(avg(col(columns.polarity())).as("mean_polarity"));
        aggregates.add(stddev_samp(col(columns.polarity())).as("sd_polarity"));
        Column[] groups = groupBy.stream().map(c -> col(c)).toArray(Column[]::new);
        Dataset<Row> grouped = scored.groupBy(groups)
                .agg(count(lit(1)).as("rows"), aggregates.toArray(Column[]::new));
        Column halfWidth = lit(Z_95).multiply(col("sd_polarity")).divide(sqrt(col("scored")));
        return grouped
                .withColumn("polarity_ci_low", col("mean_polarity").minus(halfWidth))
                .withColumn("polarity_ci_high", col("mean_polarity").plus(halfWidth))
                .drop("sd_polarity")
                .orderBy(groups);
    }
}
