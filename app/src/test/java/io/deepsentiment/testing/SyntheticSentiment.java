package io.deepsentiment.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates small separable sentiment data for tests: each text mixes neutral filler words with
 * words of its label's own lexicon, so a model that learns anything separates the labels.
 */
public final class SyntheticSentiment {

    private static final String[] FILLER = {"the", "a", "movie", "day", "today", "i", "it", "was", "this", "we",
        "phone", "game", "with", "and", "my", "friend", "at", "show", "new", "time"};
    private static final String[] POSITIVE = {"great", "love", "awesome", "happy", "wonderful", "best", "amazing"};
    private static final String[] NEGATIVE = {"awful", "hate", "terrible", "sad", "worst", "boring", "angry"};
    private static final String[] NEUTRAL = {"tomorrow", "schedule", "report", "meeting", "announced", "tuesday"};

    private SyntheticSentiment() {}

    /** One text of the given label ("negative", "neutral" or "positive"). */
    public static String text(String label, Random random) {
        String[] lexicon = switch (label) {
            case "positive" -> POSITIVE;
            case "negative" -> NEGATIVE;
            default -> NEUTRAL;
        };
        List<String> words = new ArrayList<>();
        int length = 5 + random.nextInt(10);
        for (int i = 0; i < length; i++) {
            words.add(FILLER[random.nextInt(FILLER.length)]);
        }
        for (int i = 0; i < 2; i++) {
            words.add(random.nextInt(words.size() + 1), lexicon[random.nextInt(lexicon.length)]);
        }
        return String.join(" ", words);
    }

    /** Writes a CSV file with columns id,text,label; labels cycle through {@code labels}. */
    public static Path csv(Path file, List<String> labels, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("id,text,label\n");
        for (int i = 0; i < rows; i++) {
            String label = labels.get(i % labels.size());
            sb.append(seed).append('-').append(i).append(",\"").append(text(label, random)).append("\",")
                    .append(label).append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }
}
