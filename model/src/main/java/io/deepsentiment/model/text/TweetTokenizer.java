package io.deepsentiment.model.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a tweet or a review into the tokens the model sees. Training and serving share this one
 * class, and a model records {@link #VERSION} and its options, so a served model always sees text
 * cut exactly as in training.
 *
 * <p>Placeholders follow the conventions of the GloVe Twitter vectors ({@code <url>},
 * {@code <user>}, {@code <number>}, {@code <hashtag>}) so those vectors can be plugged in.
 */
public final class TweetTokenizer {

    /** Bump whenever the tokens produced for some text change. */
    public static final int VERSION = 1;

    public static final String URL = "<url>";
    public static final String USER = "<user>";
    public static final String NUMBER = "<number>";
    public static final String HASHTAG = "<hashtag>";
    /** Suffix of tokens inside a negation scope ({@code good} after {@code not} becomes {@code good_neg}). */
    public static final String NEGATED = "_neg";

    private static final String EMOTICON_EYES = "[:;=8xX]";
    private static final String EMOTICON_MOUTH = "[)\\](\\[dDpP/\\\\|}{@*oO]";
    private static final Pattern TOKEN = Pattern.compile(
            "(?<url>(?:https?://|www\\.)[^\\s]+)"
            + "|(?<user>@\\w+)"
            + "|(?<hashtag>#(?<tag>\\w+))"
            + "|(?<emoticon>(?<![\\w])(?:>?" + EMOTICON_EYES + "['\\-o^]?" + EMOTICON_MOUTH + "+"
            + "|" + "[(\\[]+['\\-o^]?[:;=]" + "|</?3+|\\^_*\\^|[tT]_[tT]|-_+-|o_O|O_o)(?![\\w]))"
            + "|(?<number>\\d+(?:[.,:/]\\d+)*(?:%|st|nd|rd|th|s|k|m|pm|am)?(?!\\w))"
            + "|(?<word>[\\p{L}\\p{M}\\p{N}_]+(?:['’][\\p{L}\\p{M}]+)*)"
            + "|(?<repeat>!+|\\?+|\\.{2,})"
            + "|(?<symbol>[^\\s\\p{Cf}\\p{Mn}\\p{Sk}\\x{FE0F}])",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final Pattern ELONGATION = Pattern.compile("(\\p{L})\\1{2,}");

    private static final Set<String> NEGATORS = Set.of(
            "not", "no", "never", "cannot", "nothing", "nobody", "none", "nowhere", "neither", "nor",
            "without", "cant", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont",
            "wouldnt", "shouldnt", "couldnt", "aint", "havent", "hasnt", "hadnt");

    /** Punctuation that closes a negation scope (Pang et al. 2002 use the next punctuation mark). */
    private static final Set<String> CLAUSE_ENDS = Set.of(",", ";", ":", ".", "!", "?");

    private final boolean markNegation;

    /** A tokenizer; with {@code markNegation}, words after a negator up to the next punctuation get {@link #NEGATED}. */
    public TweetTokenizer(boolean markNegation) {
        this.markNegation = markNegation;
    }

    public boolean marksNegation() {
        return markNegation;
    }

    /** The tokens of one text; an empty or blank text gives an empty list. */
    public List<String> tokenize(String text) {
        String normalized = TextNormalizer.normalize(text);
        List<String> tokens = new ArrayList<>();
        boolean negated = false;
        Matcher m = TOKEN.matcher(normalized);
        while (m.find()) {
            if (m.group("word") != null) {
                String word = shortenElongation(lower(m.group("word"))).replace('’', '\'');
                boolean negator = isNegator(word);
                tokens.add(negated && !negator ? word + NEGATED : word);
                negated |= markNegation && negator;
            } else if (m.group("hashtag") != null) {
                tokens.add(HASHTAG);
                tokens.add(shortenElongation(lower(m.group("tag"))));
            } else if (m.group("url") != null) {
                tokens.add(URL);
            } else if (m.group("user") != null) {
                tokens.add(USER);
            } else if (m.group("number") != null) {
                tokens.add(NUMBER);
            } else if (m.group("emoticon") != null) {
                tokens.add(m.group("emoticon"));
                negated = false;
            } else if (m.group("repeat") != null) {
                String run = m.group("repeat");
                tokens.add(run.length() > 2 ? run.substring(0, 2) : run);
                negated = false;
            } else {
                String symbol = m.group("symbol");
                tokens.add(symbol);
                negated &= !CLAUSE_ENDS.contains(symbol);
            }
        }
        return tokens;
    }

    private static boolean isNegator(String word) {
        return NEGATORS.contains(word) || word.endsWith("n't") || NEGATORS.contains(word.replace("'", ""));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** {@code soooo} becomes {@code soo}: elongated spellings share a token but stay apart from the plain word. */
    static String shortenElongation(String word) {
        return ELONGATION.matcher(word).replaceAll("$1$1");
    }
}
