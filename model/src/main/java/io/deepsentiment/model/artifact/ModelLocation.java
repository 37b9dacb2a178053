package io.deepsentiment.model.artifact;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves {@code --model}: an existing directory is taken as it is; a bare name such as
 * {@code tweets} means a bundled model, looked up in {@code ./models/} and then in the
 * {@code models/} folder of the installation the jar belongs to.
 */
public final class ModelLocation {

    private ModelLocation() {}

    public static Path resolve(String model) {
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

    /** The nearest folder above the jar that holds {@code models/}: app/target/deepsentiment.jar -> the checkout. */
    private static Path installationDir() {
        try {
            Path jar = Path.of(ModelLocation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("models"))) {
                    return dir;
                }
            }
            return Path.of(".");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of(".");
        }
    }
}
