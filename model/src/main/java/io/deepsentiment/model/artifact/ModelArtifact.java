package io.deepsentiment.model.artifact;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.deepsentiment.model.encoder.EncoderTokenizer;
import io.deepsentiment.model.net.TextCnn;
import io.deepsentiment.model.text.TweetTokenizer;
import io.deepsentiment.model.vocab.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads and writes the model directory: {@code manifest.json}, {@code vocabulary.txt} and
 * {@code weights.bin} ({@link WeightsFile}). Writing goes to a sibling temporary directory that replaces the target
 * only when complete, so an interrupted run never leaves a half-written model.
 */
public final class ModelArtifact {

    public static final String MANIFEST = "manifest.json";
    public static final String VOCABULARY = "vocabulary.txt";
    public static final String PARAMS = "weights.bin";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelArtifact() {}

    public static ObjectMapper json() {
        return JSON;
    }

    /** Writes the artifact atomically to {@code dir}; returns the manifest with file checksums. */
    public static ModelManifest write(Path dir, ModelManifest manifest, Vocabulary vocabulary, Model model,
            List<Path> extraFiles) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + dir.getFileName() + ".partial-");
        try {
            vocabulary.write(staging.resolve(VOCABULARY));
            WeightsFile.write(model.getBlock(), staging.resolve(PARAMS));
            for (Path extra : extraFiles) {
                Files.copy(extra, staging.resolve(extra.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            Map<String, String> files = new LinkedHashMap<>();
            files.put(VOCABULARY, sha256(staging.resolve(VOCABULARY)));
            files.put(PARAMS, sha256(staging.resolve(PARAMS)));
            ModelManifest complete = manifest.withFiles(files);
            JSON.writeValue(staging.resolve(MANIFEST).toFile(), complete);
            replace(staging, dir);
            return complete;
        } finally {
            deleteRecursively(staging);
        }
    }

    /** Rewrites only the manifest (for example to add evaluation metrics), keeping the checksums. */
    public static void writeManifest(Path dir, ModelManifest manifest) throws IOException {
        Path tmp = dir.resolve(MANIFEST + ".tmp");
        JSON.writeValue(tmp.toFile(), manifest);
        Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads and checks the manifest: format, version, tokenizer version and file checksums. */
    public static ModelManifest readManifest(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ArtifactException("model not found: " + dir + " is not a model directory");
        }
        ModelManifest manifest;
        try {
            manifest = JSON.readValue(dir.resolve(MANIFEST).toFile(), ModelManifest.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new ArtifactException("not a model: " + dir + " has no " + MANIFEST);
        } catch (IOException e) {
            throw new ArtifactException("corrupt model " + dir + ": unreadable " + MANIFEST + " (" + e.getMessage() + ")");
        }
        if (!ModelManifest.FORMAT.equals(manifest.format()) || manifest.formatVersion() != ModelManifest.FORMAT_VERSION) {
            throw new ArtifactException("incompatible model " + dir + ": format " + manifest.format() + " v"
                    + manifest.formatVersion() + ", this version reads " + ModelManifest.FORMAT + " v"
                    + ModelManifest.FORMAT_VERSION);
        }
        if (manifest.isEncoder()) {
            checkEncoder(dir, manifest);
        } else {
            checkCnn(dir, manifest);
        }
        for (Map.Entry<String, String> file : manifest.files().entrySet()) {
            Path path = dir.resolve(file.getKey());
            if (!Files.isRegularFile(path)) {
                throw new ArtifactException("corrupt model " + dir + ": missing file " + file.getKey());
            }
            try {
                if (!sha256(path).equals(file.getValue())) {
                    throw new ArtifactException("corrupt model " + dir + ": " + file.getKey()
                            + " does not match its checksum in " + MANIFEST);
                }
            } catch (IOException e) {
                throw new ArtifactException("corrupt model " + dir + ": cannot read " + file.getKey(), e);
            }
        }
        return manifest;
    }

    private static void checkCnn(Path dir, ModelManifest manifest) {
        if (manifest.tokenizer() == null || manifest.tokenizer().version() != TweetTokenizer.VERSION) {
            throw new ArtifactException("incompatible model " + dir + ": made for tokenizer version "
                    + (manifest.tokenizer() == null ? "?" : manifest.tokenizer().version())
                    + ", this version has tokenizer version " + TweetTokenizer.VERSION + "; retrain it");
        }
        if (manifest.network() == null || manifest.labels() == null
                || manifest.labels().size() != manifest.network().classes() || manifest.files() == null) {
            throw new ArtifactException("corrupt model " + dir + ": " + MANIFEST + " lacks labels, network or files");
        }
    }

    private static void checkEncoder(Path dir, ModelManifest manifest) {
        ModelManifest.EncoderSpec encoder = manifest.encoder();
        if (encoder.preprocessing() != EncoderTokenizer.VERSION) {
            throw new ArtifactException("incompatible model " + dir + ": made for encoder preprocessing version "
                    + encoder.preprocessing() + ", this version has " + EncoderTokenizer.VERSION + "; retrain it");
        }
        if (encoder.network() == null || manifest.labels() == null || encoder.weights() == null
                || manifest.labels().size() != encoder.network().classes() || manifest.files() == null
                || !manifest.files().containsKey(encoder.weights())) {
            throw new ArtifactException("corrupt model " + dir + ": " + MANIFEST
                    + " lacks labels, the encoder's network or its weights file");
        }
    }

    /**
     * Writes an encoder model atomically: the manifest and the weights training changed, by Hugging
     * Face name, in {@link WeightsFile}'s format with the matrices in int8
     * ({@link WeightsFile#writeTensorsInt8}); returns the manifest with file checksums.
     */
    public static ModelManifest writeEncoder(Path dir, ModelManifest manifest, Iterable<NamedTensor> changed,
            List<Path> extraFiles) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + dir.getFileName() + ".partial-");
        try {
            String weights = manifest.encoder().weights();
            WeightsFile.writeTensorsInt8(changed, staging.resolve(weights));
            for (Path extra : extraFiles) {
                Files.copy(extra, staging.resolve(extra.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            ModelManifest complete = manifest.withFiles(Map.of(weights, sha256(staging.resolve(weights))));
            JSON.writeValue(staging.resolve(MANIFEST).toFile(), complete);
            replace(staging, dir);
            return complete;
        } finally {
            deleteRecursively(staging);
        }
    }

    /** Reads the vocabulary and loads the weights into a new DJL model of the manifest's network. */
    public static Model loadModel(Path dir, ModelManifest manifest, Vocabulary vocabulary) {
        if (vocabulary.size() != manifest.network().vocabularySize()) {
            throw new ArtifactException("corrupt model " + dir + ": vocabulary has " + vocabulary.size()
                    + " tokens, network expects " + manifest.network().vocabularySize());
        }
        Model model = Model.newInstance(manifest.name());
        TextCnn net = new TextCnn(manifest.network());
        model.setBlock(net);
        try {
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, manifest.network().widestFilter()));
            // A loaded model only scores: its parameters need no gradients. Freezing them also lets the
            // weights be copied in on any thread (PyTorch's grad mode is per thread and DJL turns it off
            // only on the thread that started the engine; elsewhere the in-place copy was refused).
            net.freezeParameters(true);
            WeightsFile.read(net, dir.resolve(PARAMS), model.getNDManager());
            return model;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw new ArtifactException("corrupt model " + dir + ": cannot load weights (" + e.getMessage() + ")", e);
        }
    }

    public static Vocabulary readVocabulary(Path dir) {
        try {
            return Vocabulary.read(dir.resolve(VOCABULARY));
        } catch (IOException | IllegalArgumentException e) {
            throw new ArtifactException("corrupt model " + dir + ": bad " + VOCABULARY + " (" + e.getMessage() + ")", e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void replace(Path staging, Path dir) throws IOException {
        Path old = null;
        if (Files.exists(dir)) {
            old = dir.resolveSibling("." + dir.getFileName() + ".old-" + System.nanoTime());
            Files.move(dir, old);
        }
        try {
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, dir);
        }
        if (old != null) {
            deleteRecursively(old);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
