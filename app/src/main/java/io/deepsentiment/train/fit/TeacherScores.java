package io.deepsentiment.train.fit;

import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.predict.SentimentPredictor;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A teacher model's class probabilities for a list of texts, in the student's label order.
 *
 * <p>Scoring 170,000 tweets with the transformer takes about a quarter of an hour on 2 cores, so
 * the scores are appended to a cache file as they come (one file per teacher and list of texts):
 * a run that was stopped continues where it was, and a repeated run reads them back.
 */
final class TeacherScores {

    /** Texts per call to the teacher: long enough for its length-sorted batches, short enough to save often. */
    private static final int CHUNK = 2048;
    private static final int MAGIC = 0x44535453; // "DSTS"

    private TeacherScores() {}

    /**
     * @param labels the student's labels; the teacher must know each of them
     * @return one probability row per text, in {@code labels} order
     */
    static float[][] score(SentimentPredictor teacher, List<String> texts, List<String> labels, Path cacheDir,
            TrainingProgress progress) {
        int[] column = new int[labels.size()];
        for (int c = 0; c < labels.size(); c++) {
            column[c] = teacher.labels().indexOf(labels.get(c));
            if (column[c] < 0) {
                throw new IllegalArgumentException("the teacher " + teacher.manifest().name() + " has the labels "
                        + teacher.labels() + ", not " + labels.get(c) + " of the training data");
            }
        }
        int classes = teacher.labels().size();
        Path file = cacheDir.resolve("teacher-" + teacher.manifest().name() + "-"
                + fingerprint(teacher.manifest(), texts).substring(0, 16) + ".bin");
        float[][] rows = new float[texts.size()][];
        int done = readCache(file, classes, rows);
        if (done > 0) {
            progress.line("teacher %s: %d of %d scores from %s", teacher.manifest().name(), done, texts.size(), file);
        }
        if (done < texts.size()) {
            progress.line("teacher %s scores %d texts (cached in %s, so a stopped run continues)",
                    teacher.manifest().name(), texts.size() - done, file);
            appendScores(teacher, texts, rows, done, file, classes, progress);
        }
        float[][] out = new float[texts.size()][labels.size()];
        for (int i = 0; i < rows.length; i++) {
            double sum = 0;
            for (int c = 0; c < labels.size(); c++) {
                out[i][c] = rows[i][column[c]];
                sum += out[i][c];
            }
            // Renormalised, in case the student has fewer labels than the teacher.
            for (int c = 0; c < labels.size(); c++) {
                out[i][c] = sum > 0 ? (float) (out[i][c] / sum) : 1f / labels.size();
            }
        }
        return out;
    }

    private static void appendScores(SentimentPredictor teacher, List<String> texts, float[][] rows, int from,
            Path file, int classes, TrainingProgress progress) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean fresh = from == 0;
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND)))) {
                if (fresh) {
                    out.writeInt(MAGIC);
                    out.writeInt(classes);
                }
                progress.startEpoch();
                int total = texts.size() - from;
                for (int start = from; start < texts.size(); start += CHUNK) {
                    List<String> chunk = texts.subList(start, Math.min(texts.size(), start + CHUNK));
                    List<float[]> probabilities = teacher.probabilities(teacher.idsOf(chunk));
                    for (int i = 0; i < probabilities.size(); i++) {
                        float[] p = probabilities.get(i);
                        rows[start + i] = p;
                        for (float v : p) {
                            out.writeFloat(v);
                        }
                    }
                    out.flush();
                    progress.items("teacher " + teacher.manifest().name(), start + chunk.size() - from, total);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the teacher's scores to " + file, e);
        }
    }

    /**
     * Reads the complete chunks of a cache file; a chunk cut off by a stopped run is dropped and
     * scored again whole, so that every text is scored in the same batch as in an unbroken run.
     */
    private static int readCache(Path file, int classes, float[][] rows) {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try {
            long rowBytes = 4L * classes;
            long complete;
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
                if (Files.size(file) < 8 || in.readInt() != MAGIC || in.readInt() != classes) {
                    return 0;
                }
                complete = Math.min(rows.length, (Files.size(file) - 8) / rowBytes);
                if (complete < rows.length) {
                    complete = complete / CHUNK * CHUNK;
                }
                for (int i = 0; i < complete; i++) {
                    rows[i] = new float[classes];
                    for (int c = 0; c < classes; c++) {
                        rows[i][c] = in.readFloat();
                    }
                }
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(8 + complete * rowBytes);
            }
            return (int) complete;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the teacher's cached scores in " + file, e);
        }
    }

    /** The teacher (name, version, creation time) and every text, in order. */
    private static String fingerprint(ModelManifest teacher, List<String> texts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String field : List.of(teacher.name(), teacher.version(), String.valueOf(teacher.createdAt()))) {
                md.update(field.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            for (String text : texts) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                md.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                md.update(bytes);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
