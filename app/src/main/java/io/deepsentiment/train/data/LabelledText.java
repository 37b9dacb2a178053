package io.deepsentiment.train.data;

/**
 * One training or evaluation example.
 *
 * <p>The text is kept as the source wrote it (HTML entities, {@code \\uXXXX} escapes and all):
 * normalising it is the tokenizer's job, so that training and serving see the same steps.
 *
 * @param id the source's identifier (tweet id, review path, file and line), or null if it has none
 * @param text the raw text
 * @param label one of {@link LabelNames#CANONICAL}: "negative", "neutral" or "positive"
 */
public record LabelledText(String id, String text, String label) {

    /** Checks that text and label are present; the id may be null. */
    public LabelledText {
        if (text == null || label == null) {
            throw new IllegalArgumentException("text and label are required (id " + id + ")");
        }
    }
}
