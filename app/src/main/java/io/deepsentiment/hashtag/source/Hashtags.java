package io.deepsentiment.hashtag.source;

import java.util.regex.Pattern;

/**
 * What a hashtag may be, for the API and for both sources alike: 1 to {@value #MAX_LENGTH} letters,
 * combining marks (which scripts such as Devanagari need: #हिन्दी), digits and underscores, without
 * the leading '#'. The tag ends up in source URLs, so nothing else is let through.
 */
public final class Hashtags {

    public static final int MAX_LENGTH = 100;

    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{M}\\p{N}_]{1," + MAX_LENGTH + "}");

    private Hashtags() {}

    public static boolean isValid(String tag) {
        return tag != null && VALID.matcher(tag).matches();
    }
}
