package io.deepsentiment.model.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.deepsentiment.model.text.TextNormalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Text -> words -> word-piece ids for an encoder: the SemEval escapes and HTML entities decoded
 * ({@link TextNormalizer}), links and user names replaced by {@code http} and {@code @user} (they
 * name no sentiment, and vary endlessly), each emoji replaced by its Unicode name (the BERT
 * vocabulary has no emoji, so "😍" would be {@code [UNK]}; "smiling face with heart-shaped eyes" it
 * can read), then the encoder's prefix and its Hugging Face tokenizer, cut to {@code maxPieces}.
 *
 * <p>Explanations occlude the words (whitespace-separated), which is why {@link #ids} takes them.
 */
public final class EncoderTokenizer implements AutoCloseable {

    /** Changes whenever the preprocessing does, so that models record which one they were trained with. */
    public static final int VERSION = 1;

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern USER = Pattern.compile("(?<![\\w@])@\\w{1,30}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final HuggingFaceTokenizer tokenizer;
    private final String prefix;
    private final int maxPieces;

    public EncoderTokenizer(byte[] tokenizerJson, String prefix, int maxPieces) {
        try {
            this.tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson), Map.of(
                    "addSpecialTokens", "true", "truncation", "true", "padding", "false",
                    "maxLength", String.valueOf(maxPieces)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.prefix = prefix;
        this.maxPieces = maxPieces;
    }

    public int maxPieces() {
        return maxPieces;
    }

    /** The text's words after preprocessing; null and empty texts have none. */
    public List<String> words(String text) {
        String clean = preprocess(text).trim();
        return clean.isEmpty() ? List.of() : Arrays.asList(SPACES.split(clean));
    }

    /** Word-piece ids of the words, with the prefix and the special tokens, at most {@code maxPieces}. */
    public int[] ids(List<String> words) {
        Encoding encoding = tokenizer.encode(prefix + String.join(" ", words));
        long[] ids = encoding.getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    public int[] ids(String text) {
        return ids(words(text));
    }

    /** The word pieces of a text, as strings, for tests and inspection. */
    public List<String> pieces(String text) {
        return List.of(tokenizer.encode(prefix + String.join(" ", words(text))).getTokens());
    }

    static String preprocess(String text) {
        String s = TextNormalizer.normalize(text);
        s = URL.matcher(s).replaceAll("http");
        s = USER.matcher(s).replaceAll("@user");
        return emojiAsWords(s);
    }

    /** Each pictographic symbol replaced by its Unicode name, in lower case, between spaces. */
    static String emojiAsWords(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isEmoji(cp)) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 32).append(s, 0, i);
                }
                String name = Character.getName(cp);
                out.append(' ').append(name == null ? "" : name.toLowerCase(Locale.ROOT)).append(' ');
            } else if (isEmojiModifier(cp)) {
                if (out == null) {
                    out = new StringBuilder(s.length()).append(s, 0, i);
                }
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i = next;
        }
        return out == null ? s : out.toString();
    }

    private static boolean isEmoji(int cp) {
        return Character.getType(cp) == Character.OTHER_SYMBOL && (cp >= 0x1F000 || (cp >= 0x2600 && cp <= 0x27BF));
    }

    /** Skin tones, variation selectors and the zero-width joiner: parts of an emoji with no meaning alone. */
    private static boolean isEmojiModifier(int cp) {
        return (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
