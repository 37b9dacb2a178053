package io.deepsentiment.hashtag.store;

import io.deepsentiment.hashtag.analysis.AnalysisStore;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on the embedded default: an SQLite file, new for every test. */
class SqliteAnalysisStoreTest extends AnalysisStoreContract {

    @TempDir
    Path folder;

    @Override
    DatabaseConfig config() {
        return DatabaseConfig.sqlite(folder.resolve("data").resolve("deepsentiment.db"));
    }

    @Test
    void opening_creates_the_data_folder_and_the_file() {
        assertThat(folder.resolve("data/deepsentiment.db")).isRegularFile();
    }

    @Test
    void connections_use_wal_a_busy_timeout_and_foreign_keys() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            assertThat(pragma(sql, "journal_mode")).isEqualToIgnoringCase("wal");
            assertThat(pragma(sql, "foreign_keys")).isEqualTo("1");
            assertThat(Integer.parseInt(pragma(sql, "busy_timeout"))).isGreaterThanOrEqualTo(5000);
        }
    }

    @Test
    void a_jdbc_sqlite_url_opens_that_file() throws Exception {
        Path file = folder.resolve("elsewhere/other.db");
        try (AnalysisStore other = JdbcAnalysisStore.open(DatabaseConfig.parse("jdbc:sqlite:" + file))) {
            other.insert(running("x1", T0));
            assertThat(other.find("x1")).isPresent();
        }
        assertThat(Files.size(file)).isPositive();
        assertThat(store.find("x1")).isEmpty();
    }

    private static String pragma(Statement sql, String name) throws SQLException {
        try (ResultSet row = sql.executeQuery("PRAGMA " + name)) {
            row.next();
            return row.getString(1);
        }
    }
}
