package io.deepsentiment.train.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads the Large Movie Review Dataset (Maas et al. 2011) in its official layout,
 * {@code aclImdb/{train,test}/{pos,neg}/ID_RATING.txt}, straight from the {@code .tar.gz} (streamed,
 * nothing is extracted to disk) or from an extracted folder.
 *
 * <p>Unlabelled reviews ({@code unsup/}) and the other files of the archive are ignored. Reviews
 * are returned sorted (negative before positive, then by numeric id) so the archive and the folder
 * give the same examples in the same order, and so the same data fingerprint.
 */
public final class ImdbReader {

    private static final Pattern REVIEW_PATH =
            Pattern.compile("(?:^|.*/)(train|test)/(pos|neg)/(([0-9]{0,18})[^/]*)\\.txt");
    private static final List<String> SPLITS = List.of("train", "test");

    /**
     * Reads one split.
     *
     * @param archiveOrFolder the {@code .tar.gz} (or {@code .tar}), the {@code aclImdb} folder, or
     *     the folder that contains {@code aclImdb}
     * @param split "train" or "test"
     * @throws DataException if the path is missing, unreadable or holds no reviews of that split
     */
    public LabelledData read(Path archiveOrFolder, String split) {
        if (!SPLITS.contains(split)) {
            throw new DataException("unknown IMDB split \"" + split + "\"; expected train or test");
        }
        if (!Files.exists(archiveOrFolder)) {
            throw new DataException("file not found: " + archiveOrFolder);
        }
        List<Review> reviews = Files.isDirectory(archiveOrFolder)
                ? readFolder(datasetRoot(archiveOrFolder, split), split)
                : readArchive(archiveOrFolder, split);
        if (reviews.isEmpty()) {
            throw new DataException("no " + split + " reviews in " + archiveOrFolder
                    + "; expected the aclImdb layout " + split + "/pos/*.txt and " + split + "/neg/*.txt");
        }
        reviews.sort(Review.ORDER);
        SourceRows rows = new SourceRows(TextFiles.fileName(archiveOrFolder) + " (" + split + ")");
        reviews.forEach(review -> rows.add(review.id(), review.text(), review.polarity()));
        return new LabelledDataBuilder().add(rows).build();
    }

    private static Path datasetRoot(Path folder, String split) {
        if (Files.isDirectory(folder.resolve(split))) {
            return folder;
        }
        if (Files.isDirectory(folder.resolve("aclImdb").resolve(split))) {
            return folder.resolve("aclImdb");
        }
        throw new DataException(folder + " has neither " + split + "/ nor aclImdb/" + split
                + "/; expected the extracted aclImdb folder or the folder containing it");
    }

    private static List<Review> readFolder(Path root, String split) {
        List<Review> reviews = new ArrayList<>();
        for (String polarity : List.of("neg", "pos")) {
            Path folder = root.resolve(split).resolve(polarity);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Matcher path = REVIEW_PATH.matcher(split + "/" + polarity + "/" + file.getFileName());
                    if (path.matches() && Files.isRegularFile(file)) {
                        reviews.add(Review.of(path, Files.readAllBytes(file)));
                    }
                }
            } catch (IOException e) {
                throw TextFiles.cannotRead(folder, e);
            }
        }
        return reviews;
    }

    private static List<Review> readArchive(Path archive, String split) {
        List<Review> reviews = new ArrayList<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(file))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Matcher path = REVIEW_PATH.matcher(entry.getName());
                if (entry.isFile() && path.matches() && path.group(1).equals(split)) {
                    // readAllBytes stops at the end of the current entry
                    reviews.add(Review.of(path, tar.readAllBytes()));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new DataException("cannot read archive " + archive + ": " + e.getMessage()
                    + " (expected the aclImdb .tar.gz)", e);
        }
        return reviews;
    }

    private static InputStream decompressed(InputStream file) throws IOException {
        file.mark(2);
        byte[] signature = file.readNBytes(2);
        file.reset();
        return GzipCompressorInputStream.matches(signature, signature.length)
                ? new GzipCompressorInputStream(file, true)
                : file;
    }

    /** One review file; {@code polarity} is "pos" or "neg". */
    private record Review(String id, String polarity, long number, String text) {

        static final Comparator<Review> ORDER = Comparator.comparing(Review::polarity)
                .thenComparingLong(Review::number)
                .thenComparing(Review::id);

        /** Makes the review whose path matched {@link #REVIEW_PATH}. */
        static Review of(Matcher path, byte[] content) {
            String id = path.group(1) + "/" + path.group(2) + "/" + path.group(3);
            long number = path.group(4).isEmpty() ? Long.MAX_VALUE : Long.parseLong(path.group(4));
            return new Review(id, path.group(2), number, TextFiles.decode(content));
        }
    }
}
