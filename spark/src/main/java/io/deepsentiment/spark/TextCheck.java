package io.deepsentiment.spark;

/** Why a text cannot be scored, as the error column says it; null when it can. */
final class TextCheck {

    static final String NULL = "text is null";
    static final String EMPTY = "text is empty";
    static final String NOT_UTF8 = "text is not valid UTF-8";

    private TextCheck() {}

    static String problem(String text, int maxChars) {
        if (text == null) {
            return NULL;
        }
        if (text.isBlank()) {
            return EMPTY;
        }
        // Spark's readers decode bytes that are not UTF-8 to U+FFFD, the replacement character
        if (text.indexOf('\uFFFD') >= 0) {
            return NOT_UTF8;
        }
        if (text.length() > maxChars && text.codePointCount(0, text.length()) > maxChars) {
            return tooLong(maxChars);
        }
        return null;
    }

    static String tooLong(int maxChars) {
        return "text is longer than " + maxChars + " characters";
    }
}
