package io.deepsentiment.hashtag.store;

import io.deepsentiment.hashtag.analysis.Analysis;
import io.deepsentiment.hashtag.analysis.StoreException;
import io.deepsentiment.hashtag.tracker.Tracker;
import io.deepsentiment.hashtag.tracker.TrackerStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** A {@link TrackerStore} in the {@code trackers} table, queuing runs in {@code analyses}. */
public final class JdbcTrackerStore implements TrackerStore {

    private static final String COLUMNS = "id, hashtag, source, model_name, post_limit, every_seconds, created_at,"
            + " next_run_at, last_run_at, last_analysis_id";

    private final DataSource dataSource;

    JdbcTrackerStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Tracker create(Tracker asked) {
        Tracker tracker = new Tracker(asked.id(), JdbcAnalysisStore.tag(asked.hashtag()), asked.source(), asked.model(),
                asked.limit(), asked.every(), asked.createdAt(), asked.nextRunAt(), asked.lastRunAt(),
                asked.lastAnalysisId());
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO trackers (" + COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, tracker.id());
                insert.setString(2, JdbcAnalysisStore.tag(tracker.hashtag()));
                insert.setString(3, tracker.source());
                insert.setString(4, tracker.model());
                insert.setInt(5, tracker.limit());
                insert.setLong(6, tracker.every().toSeconds());
                insert.setLong(7, tracker.createdAt().toEpochMilli());
                insert.setLong(8, tracker.nextRunAt().toEpochMilli());
                JdbcAnalysisStore.setMillis(insert, 9, tracker.lastRunAt());
                insert.setString(10, tracker.lastAnalysisId());
                if (insert.executeUpdate() == 1) {
                    return tracker;
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM trackers"
                    + " WHERE hashtag = ? AND source = ? AND model_name = ?")) {
                select.setString(1, JdbcAnalysisStore.tag(tracker.hashtag()));
                select.setString(2, tracker.source());
                select.setString(3, tracker.model());
                return all(select).stream().findFirst().orElseThrow(() -> new StoreException(
                        "adding a tracker of #" + tracker.hashtag() + " met another that then disappeared", null));
            }
        } catch (SQLException e) {
            throw JdbcAnalysisStore.failure("adding a tracker of #" + tracker.hashtag(), e);
        }
    }

    @Override
    public List<Tracker> list() {
        return query("listing trackers", "SELECT " + COLUMNS + " FROM trackers ORDER BY created_at, id");
    }

    @Override
    public Optional<Tracker> find(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM trackers WHERE id = ?")) {
            select.setString(1, id);
            return all(select).stream().findFirst();
        } catch (SQLException e) {
            throw JdbcAnalysisStore.failure("finding tracker " + id, e);
        }
    }

    @Override
    public boolean delete(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM trackers WHERE id = ?")) {
            delete.setString(1, id);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw JdbcAnalysisStore.failure("deleting tracker " + id, e);
        }
    }

    @Override
    public List<Tracker> due(Instant now, int max) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM trackers"
                        + " WHERE next_run_at <= ? ORDER BY next_run_at, id LIMIT ?")) {
            select.setLong(1, now.toEpochMilli());
            select.setInt(2, max);
            return all(select);
        } catch (SQLException e) {
            throw JdbcAnalysisStore.failure("finding due trackers", e);
        }
    }

    @Override
    public Optional<Analysis> startRun(Tracker due, Instant nextRunAt, Analysis run) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<Analysis> standing = startRun(connection, due, nextRunAt, run);
                connection.commit();
                return standing;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw JdbcAnalysisStore.failure("queuing a run of tracker " + due.id(), e);
        }
    }

    private static Optional<Analysis> startRun(Connection connection, Tracker due, Instant nextRunAt, Analysis run)
            throws SQLException {
        try (PreparedStatement move = connection.prepareStatement("UPDATE trackers SET next_run_at = ?, last_run_at = ?"
                + " WHERE id = ? AND next_run_at = ?")) {
            move.setLong(1, nextRunAt.toEpochMilli());
            move.setLong(2, run.createdAt().toEpochMilli());
            move.setString(3, due.id());
            move.setLong(4, due.nextRunAt().toEpochMilli());
            if (move.executeUpdate() != 1) {
                return Optional.empty(); // another instance queued this run (or the tracker was deleted)
            }
        }
        Analysis standing = run;
        if (JdbcAnalysisStore.insertRow(connection, JdbcAnalysisStore.INSERT + " ON CONFLICT DO NOTHING", run) == 0) {
            // none: the active one finished in between; the transaction is undone and the next look retries
            standing = JdbcAnalysisStore.findActive(connection, run).orElseThrow(() -> new StoreException(
                    "queuing a run of #" + run.hashtag() + " met an analysis that then finished", null));
        }
        try (PreparedStatement record = connection.prepareStatement(
                "UPDATE trackers SET last_analysis_id = ? WHERE id = ?")) {
            record.setString(1, standing.id());
            record.setString(2, due.id());
            record.executeUpdate();
        }
        return Optional.of(standing);
    }

    private List<Tracker> query(String operation, String sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            return all(select);
        } catch (SQLException e) {
            throw JdbcAnalysisStore.failure(operation, e);
        }
    }

    private static List<Tracker> all(PreparedStatement select) throws SQLException {
        List<Tracker> trackers = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                Instant lastRunAt = JdbcAnalysisStore.instant(row, "last_run_at");
                trackers.add(new Tracker(row.getString("id"), row.getString("hashtag"), row.getString("source"),
                        row.getString("model_name"), row.getInt("post_limit"),
                        Duration.ofSeconds(row.getLong("every_seconds")), Instant.ofEpochMilli(row.getLong("created_at")),
                        Instant.ofEpochMilli(row.getLong("next_run_at")), lastRunAt, row.getString("last_analysis_id")));
            }
        }
        return trackers;
    }

}
