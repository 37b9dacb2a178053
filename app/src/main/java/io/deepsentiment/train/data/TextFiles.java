package io.deepsentiment.train.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Opens data files as text without insisting on one encoding.
 *
 * <p>Public datasets come as UTF-8 or ISO-8859-1 (Sentiment140 mixes both). Files are read as
 * ISO-8859-1, which never fails and keeps every byte, and each line or field is then re-decoded
 * as UTF-8 when its bytes are valid UTF-8. A UTF-8 byte-order mark at the start is dropped.
 */
final class TextFiles {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private TextFiles() {
    }

    /** Throws the user-facing "file not found" error unless {@code path} is a regular file. */
    static void requireFile(Path path) {
        if (!Files.exists(path)) {
            throw new DataException("file not found: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new DataException("not a file: " + path);
        }
    }

    /** Opens a file as ISO-8859-1 text; pass what it yields through {@link #decode(String)}. */
    static BufferedReader open(Path path) {
        requireFile(path);
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(path));
            skipByteOrderMark(in);
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw cannotRead(path, e);
        }
    }

    /** Re-decodes text read by {@link #open(Path)} as UTF-8 if its bytes are valid UTF-8. */
    static String decode(String readAsLatin1) {
        for (int i = 0; i < readAsLatin1.length(); i++) {
            if (readAsLatin1.charAt(i) >= 0x80) {
                return decode(readAsLatin1.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return readAsLatin1;
    }

    /** Decodes bytes as UTF-8 if they are valid UTF-8, else as ISO-8859-1. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** Wraps an I/O failure in the user-facing error. */
    static DataException cannotRead(Path path, IOException cause) {
        return new DataException("cannot read " + path + ": " + cause.getMessage(), cause);
    }

    /** Returns the file's own name, which is what summaries show. */
    static String fileName(Path path) {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }

    private static void skipByteOrderMark(InputStream in) throws IOException {
        in.mark(UTF8_BOM.length);
        byte[] start = in.readNBytes(UTF8_BOM.length);
        if (!Arrays.equals(start, UTF8_BOM)) {
            in.reset();
        }
    }
}
