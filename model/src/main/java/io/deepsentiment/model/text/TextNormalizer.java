package io.deepsentiment.model.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringEscapeUtils;

/**
 * Undoes the encodings that tweets and reviews arrive with, before tokenization: the literal
 * {@code \u2019} escapes of the SemEval files, HTML line breaks of the IMDB reviews and HTML
 * entities such as {@code &amp;}.
 */
public final class TextNormalizer {

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>");

    private TextNormalizer() {}

    /** Returns the text with escapes, line breaks and entities decoded; null becomes "". */
    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String decoded = text.indexOf('\\') >= 0 ? decodeUnicodeEscapes(text) : text;
        if (decoded.indexOf('<') >= 0) {
            decoded = LINE_BREAK.matcher(decoded).replaceAll(" ");
        }
        if (decoded.indexOf('&') >= 0) {
            // Some tweets are escaped twice (&amp;lt;), so decode until nothing changes (at most 2).
            for (int i = 0; i < 2; i++) {
                String once = StringEscapeUtils.unescapeHtml4(decoded);
                if (once.equals(decoded)) {
                    break;
                }
                decoded = once;
            }
        }
        return decoded;
    }

    private static String decodeUnicodeEscapes(String text) {
        Matcher m = UNICODE_ESCAPE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            char c = (char) Integer.parseInt(m.group(1), 16);
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(c)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
