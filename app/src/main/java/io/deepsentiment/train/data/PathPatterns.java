package io.deepsentiment.train.data;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands the paths of a dataset spec, where the file-name part may hold {@code *} wildcards,
 * e.g. {@code datasets/semeval/twitter-2013*.tsv}. Matches are sorted by name so a spec always
 * reads its files in the same order.
 */
final class PathPatterns {

    private PathPatterns() {
    }

    /**
     * Returns the files a path or pattern names; a path without {@code *} is returned as is,
     * whether or not it exists, so the reader can report it.
     *
     * @throws DataException if a folder part holds a wildcard or nothing matches
     */
    static List<Path> expand(String pattern) {
        if (!pattern.contains("*")) {
            return List.of(Path.of(pattern));
        }
        int slash = Math.max(pattern.lastIndexOf('/'), pattern.lastIndexOf('\\'));
        String folderPart = slash < 0 ? "" : pattern.substring(0, slash + 1);
        String namePattern = pattern.substring(slash + 1);
        if (folderPart.contains("*")) {
            throw new DataException("only the file name may contain *: " + pattern);
        }
        Path folder = Path.of(folderPart.isEmpty() ? "." : folderPart);
        if (!Files.isDirectory(folder)) {
            throw new DataException("folder not found: " + folder);
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + namePattern);
        List<Path> matches;
        try (Stream<Path> entries = Files.list(folder)) {
            matches = entries.filter(p -> matcher.matches(p.getFileName()))
                    .map(p -> folderPart.isEmpty() ? p.getFileName() : p)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw TextFiles.cannotRead(folder, e);
        }
        if (matches.isEmpty()) {
            throw new DataException("no files match " + pattern);
        }
        return matches;
    }
}
