package io.deepsentiment.spark;

import io.deepsentiment.model.predict.EncoderPredictor;
import io.deepsentiment.model.predict.SentimentPredictor;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;

/**
 * The models of one executor JVM: each loaded once, on the first task that needs it, from the copy
 * of its directory that Spark fetched and unpacked for this executor ({@link ModelArchive}), shared by
 * the executor's task threads, and closed when the JVM exits.
 */
final class ExecutorModels {

    private static final Map<String, SentimentPredictor> LOADED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "close-models"));
    }

    private ExecutorModels() {}

    /** The model shipped as this archive (unpacked by Spark into a directory of the same name). */
    static SentimentPredictor get(String shippedName) {
        return LOADED.computeIfAbsent(shippedName, name -> {
            useOneThreadPerTask();
            return SentimentPredictor.load(Path.of(SparkFiles.get(name)));
        });
    }

    /**
     * An executor runs as many tasks at once as it has cores, each scoring on its own thread: each
     * runs the engines single-threaded so that together they use the executor's cores, not cores
     * squared. Set before the engine starts; an explicit -D setting wins.
     */
    static void useOneThreadPerTask() {
        System.getProperties().putIfAbsent("ai.djl.offline", "true");
        System.getProperties().putIfAbsent("ai.djl.pytorch.num_threads", "1");
        System.getProperties().putIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        System.getProperties().putIfAbsent(EncoderPredictor.THREADS_PROPERTY, "1");
    }

    private static void closeAll() {
        LOADED.values().forEach(SentimentPredictor::close);
        LOADED.clear();
    }
}
