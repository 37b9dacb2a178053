package io.deepsentiment.train.embedding;

import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers such as {@code -0.0123} straight from ASCII bytes to the correctly
 * rounded float, without building a String first.
 *
 * <p>Text vector files are almost entirely numbers, so this is the loader's hot loop. Plain
 * decimals of up to 15 digits take the fast path: the digits as a long and the power of ten are
 * both exact doubles, so their quotient is the correctly rounded double; rounding that to float
 * is correct too unless the double sits exactly halfway between two floats, which is checked.
 * Everything else (exponents, long mantissas, NaN) goes to {@link Float#parseFloat}.
 */
final class AsciiFloatParser {

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };
    /** Above this, one more digit could leave the 2^53 range in which longs convert to double exactly. */
    private static final long MAX_MANTISSA_BEFORE_DIGIT = ((1L << 53) - 10) / 10;
    /** A double's significand has 29 more bits than a float's; these are they. */
    private static final long BITS_BELOW_FLOAT_PRECISION = (1L << 29) - 1;
    private static final long FLOAT_HALFWAY = 1L << 28;

    private AsciiFloatParser() {
    }

    /**
     * Parses {@code bytes[from, to)}.
     *
     * @throws NumberFormatException when the bytes are not a number
     */
    static float parse(byte[] bytes, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
            negative = bytes[i] == '-';
            i++;
        }
        long mantissa = 0;
        int fractionDigits = 0;
        boolean anyDigit = false;
        boolean seenPoint = false;
        for (; i < to; i++) {
            int c = bytes[i];
            if (c >= '0' && c <= '9') {
                if (mantissa > MAX_MANTISSA_BEFORE_DIGIT) {
                    return parseSlowly(bytes, from, to);
                }
                mantissa = mantissa * 10 + (c - '0');
                anyDigit = true;
                if (seenPoint) {
                    fractionDigits++;
                }
            } else if (c == '.' && !seenPoint) {
                seenPoint = true;
            } else {
                return parseSlowly(bytes, from, to);
            }
        }
        if (!anyDigit || fractionDigits >= POWERS_OF_TEN.length) {
            return parseSlowly(bytes, from, to);
        }
        double value = mantissa / POWERS_OF_TEN[fractionDigits];
        if ((Double.doubleToRawLongBits(value) & BITS_BELOW_FLOAT_PRECISION) == FLOAT_HALFWAY) {
            return parseSlowly(bytes, from, to);
        }
        float result = (float) value;
        return negative ? -result : result;
    }

    private static float parseSlowly(byte[] bytes, int from, int to) {
        return Float.parseFloat(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
    }
}
