package io.deepsentiment.hashtag.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh schema in the test PostgreSQL ({@code 127.0.0.1:5432}, database {@code test}, trust
 * auth, user {@code postgres} or {@code root}), dropped by {@link #close()}, so that test classes,
 * runs and build folders never see each other's rows. Another server:
 * {@code DEEPSENTIMENT_TEST_POSTGRES=jdbc:postgresql://host:port/db?user=u}.
 *
 * <p>When the server cannot be reached the tests fail, unless {@code DEEPSENTIMENT_SKIP_POSTGRES=1}
 * is set: then they are skipped (reported as skipped, never as passed).
 */
public final class PostgresSchema implements AutoCloseable {

    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final List<String> USERS = List.of("postgres", "root");

    private final DatabaseConfig admin;
    private final String name;

    private PostgresSchema(DatabaseConfig admin, String name) {
        this.admin = admin;
        this.name = name;
    }

    public static PostgresSchema create() {
        String url = System.getenv().getOrDefault("DEEPSENTIMENT_TEST_POSTGRES", DEFAULT_URL);
        List<String> errors = new ArrayList<>();
        for (String user : USERS) {
            DatabaseConfig parsed = DatabaseConfig.parse(url);
            DatabaseConfig admin = new DatabaseConfig(parsed.jdbcUrl(),
                    parsed.user() != null ? parsed.user() : user, parsed.password(), 2);
            String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            try (Connection connection = connect(admin); Statement sql = connection.createStatement()) {
                sql.execute("CREATE SCHEMA " + name);
                return new PostgresSchema(admin, name);
            } catch (SQLException e) {
                errors.add(admin.user() + ": " + e.getMessage());
                if (parsed.user() != null) {
                    break;
                }
            }
        }
        String problem = "PostgreSQL is not reachable at " + DatabaseConfig.mask(url) + " (" + String.join("; ", errors)
                + "). Start it (trust auth, database test), point DEEPSENTIMENT_TEST_POSTGRES at another one,"
                + " or set DEEPSENTIMENT_SKIP_POSTGRES=1 to skip the PostgreSQL tests.";
        Assumptions.assumeFalse("1".equals(System.getenv("DEEPSENTIMENT_SKIP_POSTGRES")),
                "skipped (DEEPSENTIMENT_SKIP_POSTGRES=1): " + problem);
        throw new AssertionError(problem);
    }

    /** The schema as the service would open it: {@code currentSchema} in the URL. */
    public DatabaseConfig config() {
        String url = admin.jdbcUrl() + (admin.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + name;
        return new DatabaseConfig(url, admin.user(), admin.password(), 3);
    }

    String name() {
        return name;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = connect(admin); Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    private static Connection connect(DatabaseConfig config) throws SQLException {
        DriverManager.setLoginTimeout(5);
        return DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
    }
}
