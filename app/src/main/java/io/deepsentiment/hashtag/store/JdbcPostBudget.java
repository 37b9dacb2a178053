package io.deepsentiment.hashtag.store;

import io.deepsentiment.hashtag.analysis.StoreException;
import io.deepsentiment.hashtag.source.PostBudget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * A {@link PostBudget} in the {@code source_usage} table. Taking is a compare-and-set on the day's
 * count (read it, write count + granted only where it is still what was read), which works alike on
 * SQLite and PostgreSQL and never grants two instances the same posts.
 */
public final class JdbcPostBudget implements PostBudget {

    /** Compare-and-set rounds before giving up: each lost round means another instance took posts. */
    private static final int MAX_ROUNDS = 50;

    private final DataSource dataSource;

    JdbcPostBudget(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public int take(String source, LocalDate day, int wanted, int maxPerDay) {
        if (wanted <= 0) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            ensureRow(connection, source, day);
            for (int round = 0; round < MAX_ROUNDS; round++) {
                int used = used(connection, source, day);
                int granted = Math.max(0, Math.min(wanted, maxPerDay - used));
                if (granted == 0) {
                    return 0;
                }
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE source_usage SET posts = ? WHERE source = ? AND day = ? AND posts = ?")) {
                    update.setInt(1, used + granted);
                    update.setString(2, source);
                    update.setString(3, day.toString());
                    update.setInt(4, used);
                    if (update.executeUpdate() == 1) {
                        return granted;
                    }
                }
            }
            throw new StoreException("counting " + source + " posts kept meeting other instances' updates", null);
        } catch (SQLException e) {
            throw new StoreException("counting " + source + " posts failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void giveBack(String source, LocalDate day, int posts) {
        if (posts <= 0) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE source_usage SET posts = CASE WHEN posts > ? THEN posts - ? ELSE 0 END"
                                + " WHERE source = ? AND day = ?")) {
            update.setInt(1, posts);
            update.setInt(2, posts);
            update.setString(3, source);
            update.setString(4, day.toString());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("counting " + source + " posts failed: " + e.getMessage(), e);
        }
    }

    /** Posts of the source counted on that day. */
    public int used(String source, LocalDate day) {
        try (Connection connection = dataSource.getConnection()) {
            return used(connection, source, day);
        } catch (SQLException e) {
            throw new StoreException("reading " + source + " usage failed: " + e.getMessage(), e);
        }
    }

    private static int used(Connection connection, String source, LocalDate day) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT posts FROM source_usage WHERE source = ? AND day = ?")) {
            select.setString(1, source);
            select.setString(2, day.toString());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    private static void ensureRow(Connection connection, String source, LocalDate day) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO source_usage (source, day, posts) VALUES (?, ?, 0) ON CONFLICT (source, day) DO NOTHING")) {
            insert.setString(1, source);
            insert.setString(2, day.toString());
            insert.executeUpdate();
        }
    }
}
