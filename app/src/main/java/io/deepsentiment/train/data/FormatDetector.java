package io.deepsentiment.train.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guesses a dataset's format when a spec gives only a path: from the name, and for {@code .tsv}
 * and {@code .csv} from the first line, which tells SemEval and Sentiment140 files from a user's
 * own table.
 */
final class FormatDetector {

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern SENTIMENT140_LINE = Pattern.compile("\"?[024]\"?,\"?\\d+\"?,.*");

    private FormatDetector() {
    }

    /**
     * Returns the format of the file or folder.
     *
     * @throws DataException if the path is missing or its format cannot be told
     */
    static DataFormat detect(Path path) {
        if (!Files.exists(path)) {
            throw new DataException("file not found: " + path);
        }
        if (Files.isDirectory(path)) {
            if (isImdbFolder(path) || isImdbFolder(path.resolve("aclImdb"))) {
                return DataFormat.IMDB;
            }
            throw cannotTell(path);
        }
        String name = TextFiles.fileName(path).toLowerCase(Locale.ROOT);
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar")) {
            return DataFormat.IMDB;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return DataFormat.JSONL;
        }
        if (name.endsWith(".tsv")) {
            String[] columns = firstLine(path).split("\t");
            return columns.length >= 3 && DIGITS.matcher(columns[0].strip()).matches()
                    ? DataFormat.SEMEVAL : DataFormat.TSV;
        }
        if (name.endsWith(".csv")) {
            return SENTIMENT140_LINE.matcher(firstLine(path)).matches()
                    ? DataFormat.S140 : DataFormat.CSV;
        }
        throw cannotTell(path);
    }

    private static boolean isImdbFolder(Path folder) {
        return Set.of("train", "test").stream().anyMatch(split -> Files.isDirectory(folder.resolve(split)));
    }

    private static String firstLine(Path file) {
        try (BufferedReader in = TextFiles.open(file)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    return line;
                }
            }
            return "";
        } catch (IOException e) {
            throw TextFiles.cannotRead(file, e);
        }
    }

    private static DataException cannotTell(Path path) {
        return new DataException("cannot tell the format of " + path + "; write the spec as"
                + " FORMAT:PATH with FORMAT one of " + DataFormat.allSpecNames());
    }
}
