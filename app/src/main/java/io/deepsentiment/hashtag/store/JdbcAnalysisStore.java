package io.deepsentiment.hashtag.store;

import io.deepsentiment.hashtag.analysis.StoreException;
import io.deepsentiment.hashtag.analysis.AnalysisStore;
import io.deepsentiment.hashtag.analysis.Analysis;
import io.deepsentiment.hashtag.analysis.AnalysisResult;
import io.deepsentiment.hashtag.analysis.AnalysisStatus;
import io.deepsentiment.hashtag.analysis.ScoredPost;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@link AnalysisStore} over plain JDBC, for SQLite and PostgreSQL alike. It keeps no state besides
 * the connection pool, so several instances of the service can share one PostgreSQL database.
 *
 * <p>The table is also the queue of analyses that every instance works from: see
 * {@link #claim}. Each write runs in a transaction of its own; a failed one is rolled back and throws
 * {@link StoreException} naming the operation. Times are kept to the millisecond (the
 * {@code BIGINT} columns); the instants inside the result JSON keep full precision. Hashtags are
 * stored and compared lower-cased.
 */
public final class JdbcAnalysisStore implements AnalysisStore {

    static final String COLUMNS = "id, hashtag, source, post_limit, status, fetched, scored, error,"
            + " created_at, updated_at, finished_at, model_name, model_version, result_json, tracker_id, since_at";
    static final String ACTIVE = "status IN ('queued', 'running')";
    static final String INSERT = "INSERT INTO analyses (id, hashtag, source, post_limit, tracker_id, since_at,"
            + " status, fetched, scored, error, created_at, updated_at, finished_at, model_name, model_version,"
            + " posts, mean_polarity, mean_polarity_low, mean_polarity_high, shares_json, result_json)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Sets the state that {@link #setState} binds; a WHERE clause follows. */
    private static final String UPDATE_STATE = "UPDATE analyses SET status = ?, fetched = ?, scored = ?, error = ?,"
            + " created_at = ?, updated_at = ?, finished_at = ?, model_name = ?, model_version = ?, posts = ?,"
            + " mean_polarity = ?, mean_polarity_low = ?, mean_polarity_high = ?, shares_json = ?, result_json = ?";

    private final Database database;
    private final DataSource dataSource;

    /** Takes over the database: closing the store closes it. */
    public JdbcAnalysisStore(Database database) {
        this.database = database;
        this.dataSource = database.dataSource();
    }

    /** Opens (and migrates) the database and a store on it. */
    public static JdbcAnalysisStore open(DatabaseConfig config) {
        return new JdbcAnalysisStore(Database.open(config));
    }

    /** The live posts from the Jetstream, in the same database. */
    public JdbcLiveStore liveStore() {
        return new JdbcLiveStore(dataSource);
    }

    /** The trackers, in the same database. */
    public JdbcTrackerStore trackerStore() {
        return new JdbcTrackerStore(dataSource);
    }

    /** The paid sources' daily post counts, in the same database. */
    public JdbcPostBudget postBudget() {
        return new JdbcPostBudget(dataSource);
    }

    @Override
    public void insert(Analysis analysis) {
        write("insert analysis " + analysis.id(), connection -> insertRow(connection, INSERT, analysis));
    }

    /** Runs an INSERT of every column of the analysis; returns the rows inserted. */
    static int insertRow(Connection connection, String sql, Analysis analysis) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, analysis.id());
            insert.setString(2, tag(analysis.hashtag()));
            insert.setString(3, analysis.source());
            insert.setInt(4, analysis.limit());
            insert.setString(5, analysis.trackerId());
            setMillis(insert, 6, analysis.since());
            setState(insert, 7, analysis);
            return insert.executeUpdate();
        }
    }

    @Override
    public void update(Analysis analysis) {
        String sql = UPDATE_STATE + " WHERE id = ?";
        String operation = "update analysis " + analysis.id();
        int updated = write(operation, connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                int next = setState(update, 1, analysis);
                update.setString(next, analysis.id());
                return update.executeUpdate();
            }
        });
        if (updated == 0) {
            throw new StoreException(operation + " failed: no analysis with that id", null);
        }
    }

    @Override
    public Optional<Analysis> find(String id) {
        return read("find analysis " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM analyses WHERE id = ?")) {
                select.setString(1, id);
                return first(select);
            }
        });
    }

    @Override
    public Optional<Analysis> findFresh(String hashtag, String source, String model, Instant notBefore) {
        String sql = "SELECT " + COLUMNS + " FROM analyses WHERE hashtag = ? AND source = ? AND model_name = ?"
                + " AND status = 'done' AND finished_at >= ?"
                + " ORDER BY finished_at DESC, created_at DESC, id DESC LIMIT 1";
        return read("find a fresh analysis of #" + hashtag + " on " + source, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, tag(hashtag));
                select.setString(2, source);
                select.setString(3, model);
                select.setLong(4, notBefore.toEpochMilli());
                return first(select);
            }
        });
    }

    @Override
    public List<Analysis> history(String hashtag, int max) {
        return finished("hashtag", tag(hashtag), max, "read the history of #" + hashtag);
    }

    @Override
    public Analysis enqueue(Analysis queued) {
        String sql = INSERT + " ON CONFLICT DO NOTHING";
        String operation = "queue analysis " + queued.id();
        // An active analysis may finish between a conflicting insert and the look-up; then insert again.
        for (int attempt = 0; attempt < 5; attempt++) {
            int inserted = write(operation, connection -> insertRow(connection, sql, queued));
            if (inserted == 1) {
                return queued;
            }
            Optional<Analysis> active = read(operation, connection -> findActive(connection, queued));
            if (active.isPresent()) {
                return active.get();
            }
        }
        throw new StoreException(operation + " failed: it kept meeting other analyses of #" + queued.hashtag(), null);
    }

    @Override
    public int countQueued() {
        return read("count queued analyses", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM analyses WHERE status = 'queued'");
                    ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        });
    }

    @Override
    public Optional<Analysis> claim(String owner, Instant now, Instant leaseUntil, int maxAttempts) {
        // A running analysis without a lease was written by a tool or an older version: nobody holds it.
        String claimable = "(status = 'queued' OR (status = 'running' AND (lease_until IS NULL OR lease_until < ?)))"
                + " AND attempts < ?";
        // PostgreSQL: instances claiming at once skip each other's locked rows instead of waiting.
        // SQLite has one writer at a time, and the conditional UPDATE below settles any race.
        String pick = "SELECT id FROM analyses WHERE " + claimable + " ORDER BY created_at, id LIMIT 1"
                + (database.config().isSqlite() ? "" : " FOR UPDATE SKIP LOCKED");
        String take = "UPDATE analyses SET status = 'running', fetched = 0, scored = 0, lease_owner = ?,"
                + " lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE id = ? AND " + claimable;
        return write("claim a queued analysis", connection -> {
            String id;
            try (PreparedStatement select = connection.prepareStatement(pick)) {
                select.setLong(1, now.toEpochMilli());
                select.setInt(2, maxAttempts);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.<Analysis>empty();
                    }
                    id = row.getString(1);
                }
            }
            try (PreparedStatement update = connection.prepareStatement(take)) {
                update.setString(1, owner);
                update.setLong(2, leaseUntil.toEpochMilli());
                update.setLong(3, now.toEpochMilli());
                update.setString(4, id);
                update.setLong(5, now.toEpochMilli());
                update.setInt(6, maxAttempts);
                if (update.executeUpdate() == 0) {
                    return Optional.<Analysis>empty();
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM analyses WHERE id = ?")) {
                select.setString(1, id);
                return first(select);
            }
        });
    }

    @Override
    public boolean update(Analysis analysis, String owner) {
        return write("update analysis " + analysis.id(), connection -> updateHeld(connection, analysis, owner));
    }

    /** Writes the state of a running analysis if {@code owner} holds its lease; false, writing nothing, if not. */
    private static boolean updateHeld(Connection connection, Analysis analysis, String owner) throws SQLException {
        String sql = UPDATE_STATE + " WHERE id = ? AND lease_owner = ? AND status = 'running'";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            int next = setState(update, 1, analysis);
            update.setString(next, analysis.id());
            update.setString(next + 1, owner);
            return update.executeUpdate() == 1;
        }
    }

    /** The queued or running analysis of the same hashtag, source and model as {@code analysis}, if any. */
    static Optional<Analysis> findActive(Connection connection, Analysis analysis) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM analyses"
                + " WHERE hashtag = ? AND source = ? AND model_name = ? AND " + ACTIVE)) {
            select.setString(1, tag(analysis.hashtag()));
            select.setString(2, analysis.source());
            select.setString(3, analysis.modelName());
            return first(select);
        }
    }

    @Override
    public boolean finish(Analysis done, List<ScoredPost> posts, String owner) {
        return write("finish analysis " + done.id(), connection -> {
            if (!updateHeld(connection, done, owner)) {
                return false;
            }
            try (PreparedStatement clear = connection.prepareStatement(
                    "DELETE FROM analysis_posts WHERE analysis_id = ?")) {
                clear.setString(1, done.id());
                clear.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO analysis_posts"
                    + " (analysis_id, position, post_id, text, author, url, created_at, label, polarity)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int position = 0;
                for (ScoredPost post : posts) {
                    insert.setString(1, done.id());
                    insert.setInt(2, position++);
                    insert.setString(3, post.id());
                    insert.setString(4, post.text());
                    insert.setString(5, post.author());
                    insert.setString(6, post.url());
                    setMillis(insert, 7, post.createdAt());
                    insert.setString(8, post.label());
                    insert.setDouble(9, post.polarity());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return true;
        });
    }

    @Override
    public List<ScoredPost> posts(String analysisId) {
        return read("read the posts of analysis " + analysisId, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT post_id, text, author, url, created_at,"
                    + " label, polarity FROM analysis_posts WHERE analysis_id = ? ORDER BY position")) {
                select.setString(1, analysisId);
                List<ScoredPost> posts = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        posts.add(new ScoredPost(row.getString(1), row.getString(2), row.getString(3),
                                row.getString(4), instant(row, "created_at"), row.getString(6), row.getDouble(7)));
                    }
                }
                return posts;
            }
        });
    }

    @Override
    public List<Analysis> historyOfTracker(String trackerId, int max) {
        return finished("tracker_id", trackerId, max, "read the runs of tracker " + trackerId);
    }

    /** The newest {@code max} finished analyses whose {@code column} is {@code value}, oldest first. */
    private List<Analysis> finished(String column, String value, int max, String operation) {
        if (max <= 0) {
            return List.of();
        }
        String sql = "SELECT " + COLUMNS + " FROM analyses WHERE " + column + " = ? AND status = 'done'"
                + " ORDER BY finished_at DESC, created_at DESC, id DESC LIMIT ?";
        return read(operation, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, value);
                select.setInt(2, max);
                List<Analysis> newestFirst = all(select);
                Collections.reverse(newestFirst);
                return newestFirst;
            }
        });
    }

    @Override
    public Optional<Instant> newestPostOfTracker(String trackerId) {
        return read("find the newest post of tracker " + trackerId, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT MAX(p.created_at) AS newest"
                    + " FROM analysis_posts p JOIN analyses a ON a.id = p.analysis_id WHERE a.tracker_id = ?")) {
                select.setString(1, trackerId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return Optional.ofNullable(instant(row, "newest"));
                }
            }
        });
    }

    @Override
    public Set<String> renew(Collection<String> ids, String owner, Instant now, Instant leaseUntil) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        List<String> ordered = List.copyOf(ids);
        String sql = "UPDATE analyses SET lease_until = ?, updated_at = ?"
                + " WHERE id = ? AND lease_owner = ? AND status = 'running'";
        return write("renew the leases of " + ids.size() + " analyses", connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                for (String id : ordered) {
                    update.setLong(1, leaseUntil.toEpochMilli());
                    update.setLong(2, now.toEpochMilli());
                    update.setString(3, id);
                    update.setString(4, owner);
                    update.addBatch();
                }
                int[] counts = update.executeBatch();
                Set<String> lost = new HashSet<>();
                for (int i = 0; i < ordered.size(); i++) {
                    if (counts[i] == 0) {
                        lost.add(ordered.get(i));
                    }
                }
                return lost;
            }
        });
    }

    @Override
    public void release(Collection<String> ids, String owner, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        String sql = "UPDATE analyses SET status = 'queued', fetched = 0, scored = 0, lease_owner = NULL,"
                + " lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ? AND status = 'running'";
        write("release " + ids.size() + " analyses", connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                for (String id : ids) {
                    update.setLong(1, now.toEpochMilli());
                    update.setString(2, id);
                    update.setString(3, owner);
                    update.addBatch();
                }
                update.executeBatch();
                return ids.size();
            }
        });
    }

    @Override
    public int failExhausted(Instant now, int maxAttempts, String reason) {
        String sql = "UPDATE analyses SET status = 'failed', error = ?, finished_at = ?, updated_at = ?"
                + " WHERE status = 'running' AND (lease_until IS NULL OR lease_until < ?) AND attempts >= ?";
        return write("fail analyses interrupted too often", connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setString(1, reason);
                update.setLong(2, now.toEpochMilli());
                update.setLong(3, now.toEpochMilli());
                update.setLong(4, now.toEpochMilli());
                update.setInt(5, maxAttempts);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        database.close();
    }

    /** Sets status ... result_json (15 parameters) from {@code first}; returns the next index. */
    private static int setState(PreparedStatement statement, int first, Analysis analysis) throws SQLException {
        AnalysisResult result = analysis.result();
        int i = first;
        statement.setString(i++, analysis.status() == null ? null : analysis.status().json());
        statement.setInt(i++, analysis.fetched());
        statement.setInt(i++, analysis.scored());
        statement.setString(i++, analysis.error());
        setMillis(statement, i++, analysis.createdAt());
        setMillis(statement, i++, analysis.updatedAt());
        setMillis(statement, i++, analysis.finishedAt());
        statement.setString(i++, analysis.modelName());
        statement.setString(i++, analysis.modelVersion());
        if (result == null) {
            statement.setNull(i++, Types.INTEGER);
        } else {
            statement.setInt(i++, result.posts());
        }
        setDouble(statement, i++, result == null ? null : result.meanPolarity());
        setDouble(statement, i++, result == null ? null : result.meanPolarityLow());
        setDouble(statement, i++, result == null ? null : result.meanPolarityHigh());
        statement.setString(i++, result == null ? null : ResultJson.writeShares(result.shares()));
        statement.setString(i++, result == null ? null : ResultJson.write(result));
        return i;
    }

    static void setMillis(PreparedStatement statement, int index, Instant time) throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, time.toEpochMilli());
        }
    }

    /** NaN (no posts) is kept as NULL: SQLite cannot store it. */
    private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null || !Double.isFinite(value)) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    private static Optional<Analysis> first(PreparedStatement select) throws SQLException {
        List<Analysis> rows = all(select);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static List<Analysis> all(PreparedStatement select) throws SQLException {
        List<Analysis> rows = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                rows.add(analysis(row));
            }
        }
        return rows;
    }

    private static Analysis analysis(ResultSet row) throws SQLException {
        String id = row.getString("id");
        String json = row.getString("result_json");
        AnalysisResult result;
        try {
            result = json == null ? null : ResultJson.readResult(json);
        } catch (IOException e) {
            throw new SQLException("unreadable result JSON of analysis " + id + ": " + e.getMessage(), e);
        }
        return new Analysis(
                id,
                row.getString("hashtag"),
                row.getString("source"),
                row.getInt("post_limit"),
                AnalysisStatus.parse(row.getString("status")),
                row.getInt("fetched"),
                row.getInt("scored"),
                row.getString("error"),
                instant(row, "created_at"),
                instant(row, "updated_at"),
                instant(row, "finished_at"),
                row.getString("model_name"),
                row.getString("model_version"),
                result,
                row.getString("tracker_id"),
                instant(row, "since_at"));
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static String tag(String hashtag) {
        return hashtag == null ? null : hashtag.toLowerCase(Locale.ROOT);
    }

    private <T> T read(String operation, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    private <T> T write(String operation, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    static StoreException failure(String operation, SQLException e) {
        return new StoreException(operation + " failed: " + e.getMessage(), e);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
