package io.deepsentiment.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.SparkConf;

/**
 * A model directory packed as one zip and listed in {@code spark.archives} (what spark-submit's
 * {@code --archives} sets): each executor fetches it once and unpacks it into a directory of the
 * zip's name. ({@code addFile} refuses local directories on a cluster, and an archive added to a
 * running context is not fetched by the executors of a session's jobs: it is set before the
 * session starts.)
 */
final class ModelArchive {

    private ModelArchive() {}

    /**
     * Packs the model into a temporary folder and adds it to the context's archives; returns the
     * name under which executors find it ({@link ExecutorModels#get}).
     */
    static String ship(SparkConf conf, Path modelDir) {
        try {
            Path folder = Files.createTempDirectory("deepsentiment-model");
            Path zip = pack(modelDir, folder);
            zip.toFile().deleteOnExit();
            folder.toFile().deleteOnExit();
            String archives = conf.get("spark.archives", "");
            conf.set("spark.archives", archives.isEmpty() ? zip.toUri().toString() : archives + "," + zip.toUri());
            return zip.getFileName().toString();
        } catch (IOException e) {
            throw new ScoreJobException("cannot pack the model in " + modelDir + " for the executors: " + e.getMessage(), e);
        }
    }

    /** Writes {@code <dir name>.zip} into {@code into}, entries relative to the model directory. */
    static Path pack(Path modelDir, Path into) {
        Path zip = into.resolve(modelDir.toAbsolutePath().normalize().getFileName() + ".zip");
        try (OutputStream file = Files.newOutputStream(zip);
             ZipOutputStream out = new ZipOutputStream(file);
             Stream<Path> walk = Files.walk(modelDir)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path path : files) {
                out.putNextEntry(new ZipEntry(modelDir.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new ScoreJobException("cannot pack the model in " + modelDir + " for the executors: " + e.getMessage(), e);
        }
        return zip;
    }
}
