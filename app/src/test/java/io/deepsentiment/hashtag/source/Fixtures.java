package io.deepsentiment.hashtag.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Test helpers: JSON fixtures under src/test/resources/hashtag/source/ and fast HTTP settings. */
final class Fixtures {

    /** Short back-off and rate-limit waits; timeouts generous enough for a cold JVM on a busy machine. */
    static final HttpSettings FAST = new HttpSettings(
            Duration.ofSeconds(5), Duration.ofSeconds(5), 3, Duration.ofMillis(10), Duration.ofSeconds(3));

    /** {@link #FAST} with a 300 ms request timeout, for the tests of slow answers. */
    static final HttpSettings IMPATIENT = new HttpSettings(
            Duration.ofSeconds(5), Duration.ofMillis(300), 3, Duration.ofMillis(10), Duration.ofSeconds(3));

    private Fixtures() {}

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/hashtag/source/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
