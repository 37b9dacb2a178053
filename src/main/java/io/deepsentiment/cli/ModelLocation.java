package io.deepsentiment.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves {@code --model}: an existing directory is taken as it is; a bare name such as
 * {@code tweets} means a bundled model, looked up in {@code ./models/} and then in the
 * {@code models/} folder of the installation the jar belongs to.
 */
final class ModelLocation {

    private ModelLocation() {}

    static Path resolve(String model) {
        Path given = Path.of(model);
        if (Files.isDirectory(given)) {
            return given;
        }
        Path local = Path.of("models", model);
        if (Files.isDirectory(local)) {
            return local;
        }
        Path installed = installationDir().resolve("models").resolve(model);
        return Files.isDirectory(installed) ? installed : given;
    }

    private static Path installationDir() {
        try {
            Path jar = Path.of(ModelLocation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/deepsentiment.jar -> the repository root
            Path dir = jar.getParent();
            return dir != null && dir.getParent() != null ? dir.getParent() : Path.of(".");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of(".");
        }
    }
}
