package io.deepsentiment.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The project's version, as the build wrote it into {@code deepsentiment.properties}: one for the jar, CLI, API and page. */
public final class ServiceVersion {

    private static final String VERSION = read();

    private ServiceVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = ServiceVersion.class.getResourceAsStream("/deepsentiment.properties")) {
            if (in == null) {
                throw new IllegalStateException("deepsentiment.properties is missing from the jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
