package io.deepsentiment.hashtag.store;

import io.deepsentiment.hashtag.analysis.StoreException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pooled connection to the database, migrated to the newest schema when it opens.
 *
 * <p>SQLite gets a pool of one connection, so the threads of this process take turns and never
 * meet SQLITE_BUSY; WAL mode and a busy timeout cover a second process on the same file.
 * PostgreSQL gets a small pool; Flyway's lock lets several instances start at once.
 */
public final class Database implements AutoCloseable {

    /** Where the migrations live: plain SQL that runs on SQLite and PostgreSQL alike. */
    public static final String MIGRATIONS = "classpath:db/migration";

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;

    private Database(DatabaseConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
    }

    /**
     * Opens the pool and applies pending migrations.
     *
     * @throws StoreException when the database cannot be reached or migrated (the message shows
     *     the URL with the password masked)
     */
    public static Database open(DatabaseConfig config) {
        if (config.isSqlite()) {
            createFolder(config);
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(poolConfig(config));
        } catch (RuntimeException e) {
            throw new StoreException("opening database " + config + " failed: " + e.getMessage(), e);
        }
        try {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .load()
                    .migrate();
            LOG.info("database {}: schema version {}{}", config,
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                    result.migrationsExecuted > 0 ? " (" + result.migrationsExecuted + " migrations applied)" : "");
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StoreException("migrating database " + config + " failed: " + e.getMessage(), e);
        }
        return new Database(config, dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DatabaseConfig config() {
        return config;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static HikariConfig poolConfig(DatabaseConfig config) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("deepsentiment-db");
        pool.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) {
            pool.setUsername(config.user());
        }
        if (config.password() != null) {
            pool.setPassword(config.password());
        }
        if (config.isSqlite()) {
            pool.setDriverClassName("org.sqlite.JDBC");
            pool.setMaximumPoolSize(1);
            // read by sqlite-jdbc as pragmas on every new connection
            pool.addDataSourceProperty("journal_mode", "WAL");
            pool.addDataSourceProperty("synchronous", "NORMAL");
            pool.addDataSourceProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MILLIS));
            pool.addDataSourceProperty("foreign_keys", "true");
            // Write transactions take the write lock when they begin, so a second process waits
            // (busy_timeout) instead of failing at once when a read inside one turns into a write.
            pool.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            pool.setDriverClassName("org.postgresql.Driver");
            pool.setMaximumPoolSize(config.maxPoolSize());
            pool.setMinimumIdle(Math.min(2, config.maxPoolSize()));
        }
        return pool;
    }

    private static void createFolder(DatabaseConfig config) {
        Path folder = config.sqliteFile().map(Path::toAbsolutePath).map(Path::getParent).orElse(null);
        if (folder == null) {
            return;
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new StoreException("creating the database folder " + folder + " failed: " + e.getMessage(), e);
        }
    }
}
