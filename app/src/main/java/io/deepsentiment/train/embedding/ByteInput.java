package io.deepsentiment.train.embedding;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A buffered byte source over a word vectors file, gzip-compressed or not.
 *
 * <p>The parsers work on bytes rather than chars: only words need UTF-8 decoding, numbers are
 * ASCII, and binary vectors must not pass through a charset decoder at all. Lines are handed out
 * as ranges of the internal buffer, so reading a line copies nothing.
 */
final class ByteInput implements Closeable {

    private static final int BUFFER_SIZE = 1 << 20;
    private static final int MAX_LINE_LENGTH = 1 << 26;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final Path source;
    private final InputStream in;
    private byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    private boolean endOfInput;
    private int lineStart;
    private int lineEnd;
    private boolean lineTerminated;

    private ByteInput(Path source, InputStream in) {
        this.source = source;
        this.in = in;
    }

    /** Opens a file, decompressing it when it starts with the gzip magic bytes (whatever its name). */
    static ByteInput open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new WordVectorsException(file + " is a directory, not a word vectors file");
        }
        if (!Files.isRegularFile(file)) {
            throw new WordVectorsException("Word vectors file not found: " + file);
        }
        BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(2);
            boolean gzip = raw.read() == GZIP_MAGIC_1 && raw.read() == GZIP_MAGIC_2;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new ByteInput(file, in);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The file being read, for messages. */
    Path source() {
        return source;
    }

    /**
     * Advances past the next line (up to '\n' or the end of input). Afterwards the line lies in
     * {@link #buffer()} between {@link #lineStart()} and {@link #lineEnd()}, without its '\n'.
     *
     * @return false at the end of input
     */
    boolean nextLine() throws IOException {
        int scanFrom = position;
        while (true) {
            for (int i = scanFrom; i < limit; i++) {
                if (buffer[i] == '\n') {
                    setLine(position, i, true);
                    position = i + 1;
                    return true;
                }
            }
            if (endOfInput) {
                if (position == limit) {
                    return false;
                }
                setLine(position, limit, false);
                position = limit;
                return true;
            }
            int scanned = limit - position;
            if (scanned >= MAX_LINE_LENGTH) {
                throw new WordVectorsException(source + " has a line longer than " + (MAX_LINE_LENGTH >> 20)
                        + " MB; it does not look like a text word vectors file");
            }
            fill(scanned + 1);
            scanFrom = position + scanned;
        }
    }

    byte[] buffer() {
        return buffer;
    }

    int lineStart() {
        return lineStart;
    }

    int lineEnd() {
        return lineEnd;
    }

    /** False when the last line read was cut off by the end of input instead of ending in '\n'. */
    boolean lineTerminated() {
        return lineTerminated;
    }

    /**
     * Makes at least {@code count} unread bytes available in {@link #buffer()} from
     * {@link #position()} on, or as many as the input still has.
     *
     * @return the number of unread bytes available
     */
    int fill(int count) throws IOException {
        if (limit - position >= count) {
            return limit - position;
        }
        compact();
        if (count > buffer.length) {
            byte[] larger = new byte[Math.max(count, buffer.length * 2)];
            System.arraycopy(buffer, 0, larger, 0, limit);
            buffer = larger;
        }
        while (limit < count && !endOfInput) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                endOfInput = true;
            } else {
                limit += read;
            }
        }
        return limit - position;
    }

    /** The index in {@link #buffer()} of the next unread byte. */
    int position() {
        return position;
    }

    /** Reads one byte, or returns -1 at the end of input. */
    int read() throws IOException {
        if (position == limit && fill(1) == 0) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    /**
     * Reads up to {@code length} bytes, fewer only at the end of input.
     *
     * @return the number of bytes read
     */
    int read(byte[] target, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            if (position == limit && fill(1) == 0) {
                break;
            }
            int chunk = Math.min(length - done, limit - position);
            System.arraycopy(buffer, position, target, offset + done, chunk);
            position += chunk;
            done += chunk;
        }
        return done;
    }

    /**
     * Skips up to {@code length} bytes, fewer only at the end of input.
     *
     * @return the number of bytes skipped
     */
    int skip(int length) throws IOException {
        int done = 0;
        while (done < length) {
            if (position == limit && fill(1) == 0) {
                break;
            }
            int chunk = Math.min(length - done, limit - position);
            position += chunk;
            done += chunk;
        }
        return done;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void setLine(int start, int end, boolean terminated) {
        lineStart = start;
        lineEnd = end;
        lineTerminated = terminated;
    }

    private void compact() {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
    }
}
