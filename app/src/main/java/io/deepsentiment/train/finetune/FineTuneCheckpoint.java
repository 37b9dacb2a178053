package io.deepsentiment.train.finetune;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepsentiment.model.artifact.ModelArtifact;
import io.deepsentiment.model.artifact.NamedTensor;
import io.deepsentiment.model.artifact.WeightsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a fine-tuning run stands, written often so that the same command continues a run that was
 * stopped: {@code state.json} (phase, step, best score, history) and {@code tensors.bin} (the
 * trained weights now and at the best scoring, and the optimizer's moments). Written to a
 * temporary directory that then replaces the previous checkpoint, so a run stopped while writing
 * still has the one before.
 */
final class FineTuneCheckpoint {

    /**
     * @param fingerprint of the options and data; a checkpoint of another run is refused
     * @param headDone whether the head-only phase is finished
     * @param step fine-tuning steps done
     * @param bestScore best dev score so far (of the head-only phase until fine-tuning is scored)
     * @param bestStep the step of the best score (0: the head-only phase)
     * @param scoringsWithoutImprovement for early stopping
     * @param stopped whether early stopping ended the fine-tuning
     * @param history every dev scoring: step, epoch, score, train loss
     * @param headPhase what the head-only phase recorded
     * @param seconds training time so far, over all invocations
     */
    record State(String fingerprint, boolean headDone, long step, double bestScore, long bestStep,
            int scoringsWithoutImprovement, boolean stopped, List<Map<String, Object>> history,
            Map<String, Object> headPhase, double seconds) {}

    private static final String STATE = "state.json";
    private static final String TENSORS = "tensors.bin";
    private static final ObjectMapper JSON = ModelArtifact.json();

    private final Path dir;

    FineTuneCheckpoint(Path runDir) {
        this.dir = runDir.resolve("checkpoint");
    }

    Path dir() {
        return dir;
    }

    boolean exists() {
        return Files.isRegularFile(current().resolve(STATE));
    }

    State readState() throws IOException {
        return JSON.readValue(current().resolve(STATE).toFile(), State.class);
    }

    Map<String, NamedTensor> readTensors() throws IOException {
        return WeightsFile.readTensors(current().resolve(TENSORS));
    }

    /** The checkpoint, or the one before it if the run was stopped between the two moves of {@link #write}. */
    private Path current() {
        Path old = dir.resolveSibling("checkpoint.old");
        return !Files.exists(dir) && Files.exists(old) ? old : dir;
    }

    void write(State state, List<NamedTensor> tensors) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "checkpoint.partial-");
        WeightsFile.writeTensors(tensors, staging.resolve(TENSORS));
        JSON.writeValue(staging.resolve(STATE).toFile(), state);
        Path old = parent.resolve("checkpoint.old");
        deleteRecursively(old);
        if (Files.exists(dir)) {
            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(old);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
