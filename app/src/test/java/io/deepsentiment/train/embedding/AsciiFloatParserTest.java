package io.deepsentiment.train.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsciiFloatParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "-0.0", "1", "+2.5", "0.013441", "-0.0056286", "1.", ".5", "3.4028235E38",
        "1.0E-5", "-1.4E-45", "123456789012345678901234567890", "0.1000000000000000055511151231257827",
        "16777217", "NaN", "-Infinity"})
    void parses_like_float_parse_float(String text) {
        assertThat(Float.floatToRawIntBits(parse(text))).isEqualTo(Float.floatToRawIntBits(Float.parseFloat(text)));
    }

    @Test
    void random_decimals_round_to_the_same_float_as_the_jdk() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 50_000; i++) {
            float value = (float) ((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-8, 6)));
            for (String text : new String[] {
                Float.toString(value),
                String.format(Locale.ROOT, "%.6f", value),
                String.format(Locale.ROOT, "%.9f", value),
                Double.toString(random.nextDouble() * 100),
            }) {
                assertThat(Float.floatToRawIntBits(parse(text)))
                        .as(text)
                        .isEqualTo(Float.floatToRawIntBits(Float.parseFloat(text)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1048576.0625", "1048576.1875", "1.000000059604644775390625", "0.500000014901161193847656"})
    void a_decimal_halfway_between_two_floats_rounds_to_even(String halfway) {
        assertThat(parse(halfway)).isEqualTo(Float.parseFloat(halfway));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "abc", "1.2.3", "1,5", "--1"})
    void rejects_what_is_not_a_number(String text) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(NumberFormatException.class);
    }

    private static float parse(String text) {
        byte[] bytes = ("  " + text + " ").getBytes(StandardCharsets.ISO_8859_1);
        return AsciiFloatParser.parse(bytes, 2, bytes.length - 1);
    }
}
