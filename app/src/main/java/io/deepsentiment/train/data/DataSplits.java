package io.deepsentiment.train.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Keeps training data apart from held-out (development and test) data, and fingerprints data so
 * a model artifact can record exactly what it was trained on.
 *
 * <p>Two examples are the same if they share an id or, whatever their ids, the same text once
 * whitespace is collapsed and case is ignored: public sets repeat tweets under other ids and
 * retweets differ only in spacing, and a test tweet seen in training inflates the reported score.
 */
public final class DataSplits {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private DataSplits() {
    }

    /**
     * Removes from {@code train} every example that also occurs in any held-out set.
     *
     * @return the remaining examples; each source's summary counts the rows removed from it
     */
    public static LabelledData removeOverlap(LabelledData train, LabelledData... heldOut) {
        HeldOutKeys keys = new HeldOutKeys(heldOut);
        return filter(train, e -> !keys.contain(e), ReadSummary::withOverlapRemoved,
                removed -> removed > 0 ? new ReadSummary("overlap with held-out data", removed, Map.of(), 0, removed)
                        : null);
    }

    /**
     * Keeps the examples {@code keep} accepts and records in each source's summary how many it
     * dropped ({@code record}). Examples are in source order, {@code kept()} of them per summary;
     * for data whose summaries do not account for its examples (made by hand, say), the count goes
     * into one summary of its own ({@code unattributed}; null adds none).
     */
    private static LabelledData filter(LabelledData data, Predicate<LabelledText> keep,
            BiFunction<ReadSummary, Integer, ReadSummary> record, IntFunction<ReadSummary> unattributed) {
        int summarisedRows = data.summaries().stream().mapToInt(ReadSummary::kept).sum();
        if (summarisedRows != data.size()) {
            List<LabelledText> kept = data.examples().stream().filter(keep).toList();
            List<ReadSummary> summaries = new ArrayList<>(data.summaries());
            ReadSummary dropped = unattributed.apply(data.size() - kept.size());
            if (dropped != null) {
                summaries.add(dropped);
            }
            return new LabelledData(kept, summaries);
        }
        List<LabelledText> kept = new ArrayList<>();
        List<ReadSummary> summaries = new ArrayList<>();
        int next = 0;
        for (ReadSummary summary : data.summaries()) {
            List<LabelledText> fromSource = data.examples().subList(next, next + summary.kept());
            List<LabelledText> clean = fromSource.stream().filter(keep).toList();
            kept.addAll(clean);
            summaries.add(record.apply(summary, fromSource.size() - clean.size()));
            next += summary.kept();
        }
        return new LabelledData(kept, summaries);
    }

    /** How many hash buckets {@link #bucket} spreads texts over. */
    public static final int BUCKETS = 100;

    /**
     * The bucket (0 to 99) of an example's text: a fixed hash of its comparable text, so that a
     * dataset splits the same way on every machine and run, and a repeated tweet lands in one part.
     */
    public static int bucket(String text) {
        byte[] digest = sha256().digest(comparableText(text).getBytes(StandardCharsets.UTF_8));
        return Math.floorMod(ByteBuffer.wrap(digest).getInt(), BUCKETS);
    }

    /**
     * Keeps the examples whose {@link #bucket} is in [{@code from}, {@code to}]: a reproducible
     * split of a dataset into parts, e.g. 0-79 to train on and 80-99 to hold out. The rows left
     * out are counted in each source's summary.
     */
    public static LabelledData keepBuckets(LabelledData data, int from, int to) {
        String reason = "outside hash buckets " + from + "-" + to;
        return filter(data, e -> {
            int b = bucket(e.text());
            return b >= from && b <= to;
        }, (summary, dropped) -> summary.withSkipped(reason, dropped),
                dropped -> new ReadSummary(reason, dropped, Map.of(reason, dropped), 0, 0));
    }

    /**
     * Checks that no training example occurs in any held-out set.
     *
     * @throws DataException naming the number of overlapping examples and the first of them
     */
    public static void checkNoLeak(LabelledData train, LabelledData... heldOut) {
        HeldOutKeys keys = new HeldOutKeys(heldOut);
        List<LabelledText> leaked = train.examples().stream().filter(keys::contain).toList();
        if (!leaked.isEmpty()) {
            LabelledText first = leaked.get(0);
            throw new DataException(leaked.size() + " training examples also occur in the held-out"
                    + " data (first: id " + first.id() + ", \"" + abbreviated(first.text()) + "\");"
                    + " training and evaluation data must not overlap");
        }
    }

    /**
     * Returns a SHA-256 hex digest over the (id, label, text) of every example, in order; equal
     * fingerprints mean the same examples in the same order.
     */
    public static String fingerprint(LabelledData data) {
        MessageDigest sha256 = sha256();
        for (LabelledText example : data.examples()) {
            update(sha256, example.id());
            update(sha256, example.label());
            update(sha256, example.text());
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Each field is length-prefixed so that ("ab", "c") and ("a", "bc") differ. */
    private static void update(MessageDigest digest, String field) {
        if (field == null) {
            digest.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static String comparableText(String text) {
        return WHITESPACE.matcher(text.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** The ids and comparable texts of the held-out examples. */
    private static final class HeldOutKeys {
        private final Set<String> ids = new HashSet<>();
        private final Set<String> texts = new HashSet<>();

        HeldOutKeys(LabelledData... heldOut) {
            for (LabelledData data : heldOut) {
                for (LabelledText example : data.examples()) {
                    if (example.id() != null) {
                        ids.add(example.id());
                    }
                    texts.add(comparableText(example.text()));
                }
            }
        }

        boolean contain(LabelledText example) {
            return (example.id() != null && ids.contains(example.id()))
                    || texts.contains(comparableText(example.text()));
        }
    }
}
