package io.deepsentiment.hashtag.store;

import io.deepsentiment.hashtag.analysis.StoreException;
import io.deepsentiment.hashtag.live.LiveMinute;
import io.deepsentiment.hashtag.live.LiveStore;
import io.deepsentiment.hashtag.live.ScoredLivePost;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/** A {@link LiveStore} in the {@code live_posts} and {@code live_cursor} tables. */
public final class JdbcLiveStore implements LiveStore {

    private final DataSource dataSource;

    JdbcLiveStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public int save(Collection<ScoredLivePost> posts) {
        if (posts.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            int added = 0;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO live_posts"
                    + " (hashtag, uri, minute, created_at, author, text, label, polarity, model_name)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hashtag, uri) DO NOTHING")) {
                for (ScoredLivePost scored : posts) {
                    insert.setString(1, scored.hashtag().toLowerCase(Locale.ROOT));
                    insert.setString(2, scored.post().uri());
                    insert.setLong(3, scored.post().minute().toEpochMilli());
                    insert.setLong(4, scored.post().createdAt().toEpochMilli());
                    insert.setString(5, scored.post().did());
                    insert.setString(6, scored.post().text());
                    insert.setString(7, scored.label());
                    insert.setDouble(8, scored.polarity());
                    insert.setString(9, scored.model());
                    added += insert.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            return added;
        } catch (SQLException e) {
            throw new StoreException("storing live posts failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<LiveMinute> minutes(String hashtag, Instant from) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT minute, label, COUNT(*), SUM(polarity)"
                        + " FROM live_posts WHERE hashtag = ? AND minute >= ? GROUP BY minute, label ORDER BY minute")) {
            select.setString(1, hashtag.toLowerCase(Locale.ROOT));
            select.setLong(2, from.toEpochMilli());
            Map<Long, Map<String, Integer>> counts = new LinkedHashMap<>();
            Map<Long, Double> polarity = new LinkedHashMap<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long minute = row.getLong(1);
                    counts.computeIfAbsent(minute, m -> new LinkedHashMap<>()).put(row.getString(2), row.getInt(3));
                    polarity.merge(minute, row.getDouble(4), Double::sum);
                }
            }
            List<LiveMinute> minutes = new ArrayList<>();
            counts.forEach((minute, byLabel) -> {
                int posts = byLabel.values().stream().mapToInt(Integer::intValue).sum();
                minutes.add(new LiveMinute(Instant.ofEpochMilli(minute), posts, byLabel, polarity.get(minute) / posts));
            });
            return minutes;
        } catch (SQLException e) {
            throw new StoreException("reading live minutes of #" + hashtag + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long cursor() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT time_us FROM live_cursor WHERE name = 'jetstream'");
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("reading the Jetstream cursor failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void saveCursor(long timeUs) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("INSERT INTO live_cursor (name, time_us)"
                        + " VALUES ('jetstream', ?) ON CONFLICT (name) DO UPDATE SET time_us = CASE WHEN excluded.time_us > live_cursor.time_us"
                        + " THEN excluded.time_us ELSE live_cursor.time_us END")) {
            upsert.setLong(1, timeUs);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("saving the Jetstream cursor failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean holdConnection(String owner, Instant now, Instant until) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO live_lease (name, owner, until_ms)"
                    + " VALUES ('jetstream', ?, ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, owner);
                insert.setLong(2, until.toEpochMilli());
                if (insert.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement take = connection.prepareStatement("UPDATE live_lease SET owner = ?, until_ms = ?"
                    + " WHERE name = 'jetstream' AND (owner = ? OR until_ms < ?)")) {
                take.setString(1, owner);
                take.setLong(2, until.toEpochMilli());
                take.setString(3, owner);
                take.setLong(4, now.toEpochMilli());
                return take.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new StoreException("taking the Jetstream lease failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void releaseConnection(String owner) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement release = connection.prepareStatement(
                        "UPDATE live_lease SET until_ms = 0 WHERE name = 'jetstream' AND owner = ?")) {
            release.setString(1, owner);
            release.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("giving the Jetstream lease up failed: " + e.getMessage(), e);
        }
    }
}
