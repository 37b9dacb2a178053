package io.deepsentiment.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deepsentiment.train.finetune.FineTuneOptions;
import io.deepsentiment.train.fit.TeacherOptions;
import io.deepsentiment.train.fit.TrainingOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code train}'s flags as training options: the builders' defaults are the command's, and each flag lands in its option. */
class TrainCommandTest {

    private static TrainCommand parse(String... args) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void a_bare_train_command_gives_the_cnn_builders_defaults() {
        TrainingOptions options = parse("--train", "csv:a.csv").cnnOptions();

        assertThat(options).isEqualTo(TrainingOptions.builder().train(List.of("csv:a.csv")).build());
        assertThat(options.out()).isEqualTo(Path.of("models", "custom"));
    }

    @Test
    void a_bare_encoder_command_gives_the_fine_tune_builders_defaults() {
        FineTuneOptions options = parse("--train", "csv:a.csv", "--encoder", "e5-small-v2").fineTuneOptions();

        assertThat(options).isEqualTo(FineTuneOptions.builder().train(List.of("csv:a.csv")).encoder("e5-small-v2")
                .build());
        assertThat(options.out()).isEqualTo(Path.of("models", "custom"));
        assertThat(options.runDir()).isEqualTo(Path.of("runs", "custom"));
    }

    @Test
    void each_cnn_flag_lands_in_its_option_and_to_builder_gives_the_same_options_back() {
        TrainingOptions options = parse("--name", "n", "--out", "o", "--train", "csv:a.csv", "--dev", "csv:d.csv",
                "--dev-fraction", "0.2", "--test", "csv:t.csv", "--skip-gram", "--pretrain", "csv:p.csv",
                "--distant", "csv:s.csv", "--distant-epochs", "2", "--dim", "50", "--static-embeddings",
                "--widths", "2,3", "--filters", "7", "--dropout", "0.25", "--max-tokens", "30", "--mean-pooling",
                "--ngram-buckets", "99", "--min-count", "3", "--max-vocabulary", "999", "--negation",
                "--class-weights", "none", "--epochs", "4", "--patience", "1", "--batch-size", "9",
                "--learning-rate", "0.01", "--seed", "5", "--max-batches", "6", "--teacher", "no-such-model",
                "--transfer", "csv:x.csv", "--teacher-weight", "0.7", "--teacher-cache", "c").cnnOptions();

        assertThat(options).isEqualTo(TrainingOptions.builder().name("n").out(Path.of("o"))
                .train(List.of("csv:a.csv")).dev(List.of("csv:d.csv")).devFraction(0.2).test(List.of("csv:t.csv"))
                .skipGram(true).pretrain(List.of("csv:p.csv")).distant(List.of("csv:s.csv")).distantEpochs(2)
                .embeddingDim(50).staticEmbeddings(true).filterWidths(List.of(2, 3)).filters(7).dropout(0.25f)
                .maxTokens(30).meanPooling(true).ngramBuckets(99).minCount(3).maxVocabulary(999).markNegation(true)
                .classWeights("none").epochs(4).patience(1).batchSize(9).learningRate(0.01f).seed(5).maxBatches(6)
                .teacher(new TeacherOptions(Path.of("no-such-model"), List.of("csv:x.csv"), 0.7f, Path.of("c")))
                .build());
        assertThat(options.toBuilder().build()).isEqualTo(options);
    }

    @Test
    void each_encoder_flag_lands_in_its_option_and_to_builder_gives_the_same_options_back() {
        FineTuneOptions options = parse("--name", "n", "--out", "o", "--run-dir", "r", "--train", "csv:a.csv",
                "--dev", "csv:d.csv", "--dev-fraction", "0.2", "--test", "csv:t.csv", "--encoder", "e5-small-v2",
                "--train-layers", "3", "--max-pieces", "64", "--class-weights", "none", "--head-epochs", "4",
                "--head-learning-rate", "0.002", "--epochs", "5", "--batch-size", "8", "--learning-rate", "0.0001",
                "--weight-decay", "0.02", "--warmup", "0.1", "--dropout", "0.2", "--evals-per-epoch", "3",
                "--patience", "6", "--seed", "5", "--checkpoint-steps", "50", "--stop-after", "7",
                "--max-batches", "9").fineTuneOptions();

        assertThat(options).isEqualTo(FineTuneOptions.builder().name("n").out(Path.of("o")).runDir(Path.of("r"))
                .train(List.of("csv:a.csv")).dev(List.of("csv:d.csv")).devFraction(0.2).test(List.of("csv:t.csv"))
                .encoder("e5-small-v2").trainLayers(3).maxPieces(64).classWeights("none").headEpochs(4)
                .headLearningRate(0.002f).epochs(5).batchSize(8).learningRate(1e-4f).weightDecay(0.02f).warmup(0.1f)
                .dropout(0.2f).evalsPerEpoch(3).patience(6).seed(5).checkpointSteps(50).stopAfter(7).maxBatches(9)
                .build());
        assertThat(options.toBuilder().build()).isEqualTo(options);
    }

    @Test
    void options_that_cannot_go_together_are_still_refused() {
        assertThatThrownBy(() -> TrainingOptions.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no training data");
        assertThatThrownBy(() -> parse("--train", "csv:a.csv", "--vectors", "v.bin", "--skip-gram").cnnOptions())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> parse("--train", "csv:a.csv", "--class-weights", "heavy").cnnOptions())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("balanced or none");
    }
}
