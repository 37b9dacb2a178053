package io.deepsentiment.train.fit;

import io.deepsentiment.model.text.TweetTokenizer;
import io.deepsentiment.model.vocab.VocabularyBuilder;
import io.deepsentiment.train.data.DatasetSpec;
import io.deepsentiment.train.data.LabelledText;
import io.deepsentiment.train.embedding.SkipGramOptions;
import io.deepsentiment.train.embedding.SkipGramTrainer;
import io.deepsentiment.train.embedding.WordVectors;
import io.deepsentiment.train.embedding.WordVectorsReader;
import io.deepsentiment.train.embedding.WordVectorsWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the starting word vectors of a run come from: a file in word2vec or GloVe format, skip-gram
 * pre-training on the run's texts (cached under {@code runs/cache/} by corpus fingerprint, so
 * repeated runs skip it), or nowhere (random start).
 */
final class WordVectorSource {

    static final Path CACHE = Path.of("runs", "cache");
    private static final int SKIP_GRAM_EPOCHS = 5;
    private static final int SKIP_GRAM_MIN_COUNT = 3;

    private final TrainingOptions options;
    private final TrainingProgress progress;

    WordVectorSource(TrainingOptions options, TrainingProgress progress) {
        this.options = options;
        this.progress = progress;
    }

    /** The tokenized texts of the extra pre-training corpora (empty unless skip-gram is on). */
    List<List<String>> pretrainCorpus(TweetTokenizer tokenizer) {
        List<List<String>> corpus = new ArrayList<>();
        if (!options.skipGram()) {
            return corpus;
        }
        for (String spec : options.pretrain()) {
            for (LabelledText t : DatasetSpec.load(spec).examples()) {
                corpus.add(tokenizer.tokenize(t.text()));
            }
        }
        return corpus;
    }

    /** The word vectors to start from, or null for a random start. */
    WordVectors vectors(List<List<String>> corpus, VocabularyBuilder corpusCounts) {
        if (options.vectors() != null) {
            progress.line("reading word vectors from %s", options.vectors());
            WordVectors v = WordVectorsReader.read(options.vectors(), w -> corpusCounts.count(w) > 0);
            progress.line("%d word vectors of dimension %d match the corpus", v.size(), v.dimension());
            return v;
        }
        if (!options.skipGram()) {
            return null;
        }
        SkipGramOptions sg = new SkipGramOptions(options.embeddingDim(), 5, 5, SKIP_GRAM_MIN_COUNT, SKIP_GRAM_EPOCHS,
                1e-4, 0.025f, options.seed(), 1);
        Path cached = CACHE.resolve("skipgram-" + fingerprint(corpus, sg).substring(0, 16) + ".bin");
        if (Files.isRegularFile(cached)) {
            progress.line("skip-gram vectors from cache %s", cached);
            return WordVectorsReader.read(cached, w -> true);
        }
        progress.line("pre-training %d-dim skip-gram vectors on %d texts (%d epochs, 1 thread for reproducibility)",
                sg.dimension(), corpus.size(), sg.epochs());
        WordVectors v = new SkipGramTrainer(message -> progress.line("skip-gram: %s", message)).train(corpus, sg);
        try {
            Files.createDirectories(CACHE);
            WordVectorsWriter.writeWord2VecBinary(v, cached);
        } catch (java.io.IOException | RuntimeException e) {
            progress.line("could not cache skip-gram vectors (%s); continuing", e.getMessage());
        }
        return v;
    }

    Map<String, Object> describe(WordVectors vectors) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (options.vectors() != null) {
            m.put("source", "file " + options.vectors());
        } else if (options.skipGram()) {
            m.put("source", "skip-gram with negative sampling on train + distant + " + options.pretrain());
            m.put("epochs", SKIP_GRAM_EPOCHS);
            m.put("minCount", SKIP_GRAM_MIN_COUNT);
        } else {
            m.put("source", "random");
        }
        if (vectors != null) {
            m.put("words", vectors.size());
            m.put("dimension", vectors.dimension());
        }
        return m;
    }

    private static String fingerprint(List<List<String>> corpus, SkipGramOptions sg) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(sg.toString().getBytes(StandardCharsets.UTF_8));
            for (List<String> sentence : corpus) {
                md.update(String.join(" ", sentence).getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
