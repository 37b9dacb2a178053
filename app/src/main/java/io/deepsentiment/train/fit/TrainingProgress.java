package io.deepsentiment.train.fit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The console progress bar (batches, loss, ETA) and the training log file. Written by hand because
 * DJL's ProgressBar shows neither loss nor time left.
 */
public final class TrainingProgress implements AutoCloseable {

    private static final long REDRAW_MILLIS = 500;

    private final PrintStream console;
    private final Writer log;
    private final boolean interactive;
    private Instant epochStart = Instant.now();
    private long lastDraw;
    private long lastTenth;

    public TrainingProgress(PrintStream console, Path logFile) {
        this(console, logFile, false);
    }

    /** @param append continue an existing log (a resumed run) instead of starting it afresh */
    public TrainingProgress(PrintStream console, Path logFile, boolean append) {
        this.console = console;
        this.interactive = System.console() != null;
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training log " + logFile, e);
        }
    }

    /** A line for both the console and the log. */
    public void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        if (interactive) {
            console.print("\r\033[K");
        }
        console.println(text);
        try {
            log.write(Instant.now() + " " + text + "\n");
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training log", e);
        }
    }

    public void startEpoch() {
        epochStart = Instant.now();
        lastDraw = 0;
        lastTenth = 0;
    }

    public void batch(String phase, int epoch, int epochs, int done, int total, double meanLoss) {
        draw(String.format(Locale.ROOT, "%s epoch %d/%d", phase, epoch, epochs), done, total,
                String.format(Locale.ROOT, " loss %.4f", meanLoss));
    }

    /** Progress through work that is not an epoch, e.g. a teacher scoring texts (since {@link #startEpoch}). */
    public void items(String what, int done, int total) {
        draw(what, done, total, "");
    }

    private void draw(String what, int done, int total, String measure) {
        long now = System.currentTimeMillis();
        // A terminal gets a redrawn bar; a log file gets a line at each tenth of the work.
        long tenth = done * 10L / Math.max(1, total);
        boolean due = interactive ? now - lastDraw >= REDRAW_MILLIS || done == total : tenth > lastTenth;
        if (!due) {
            return;
        }
        lastDraw = now;
        lastTenth = tenth;
        double elapsed = Duration.between(epochStart, Instant.now()).toMillis() / 1000.0;
        double eta = done == 0 ? 0 : elapsed / done * (total - done);
        int width = 30;
        int filled = (int) ((long) width * done / Math.max(1, total));
        String bar = "=".repeat(filled) + (filled < width ? ">" + " ".repeat(width - filled - 1) : "");
        String text = String.format(Locale.ROOT, "%s [%s] %d/%d%s elapsed %s ETA %s",
                what, bar, done, total, measure, clock(elapsed), clock(eta));
        if (interactive) {
            console.print("\r\033[K" + text);
        } else {
            console.println(text);
        }
    }

    public static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    @Override
    public void close() {
        try {
            log.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
