package io.deepsentiment.hashtag.store;

import io.deepsentiment.hashtag.analysis.StoreException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    private static final Path DEFAULT_FILE = Path.of("data", "deepsentiment.db");

    @Test
    void without_DATABASE_URL_the_embedded_sqlite_file_is_used() {
        DatabaseConfig config = DatabaseConfig.fromEnvironment(Map.of("HOME", "/root"), DEFAULT_FILE);

        assertThat(config.isSqlite()).isTrue();
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:sqlite:data/deepsentiment.db");
        assertThat(config.sqliteFile()).contains(DEFAULT_FILE);
        assertThat(config.maxPoolSize()).isEqualTo(1);
        assertThat(DatabaseConfig.fromEnvironment(Map.of("DATABASE_URL", "  "), DEFAULT_FILE).isSqlite()).isTrue();
    }

    @Test
    void a_heroku_url_becomes_a_jdbc_url_with_user_and_password_apart() {
        DatabaseConfig config = DatabaseConfig.fromEnvironment(
                Map.of("DATABASE_URL", "postgres://alice:pa55word@db.example.com:5432/sentiment"), DEFAULT_FILE);

        assertThat(config.isSqlite()).isFalse();
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/sentiment");
        assertThat(config.user()).isEqualTo("alice");
        assertThat(config.password()).isEqualTo("pa55word");
        assertThat(config.maxPoolSize()).isEqualTo(DatabaseConfig.DEFAULT_POOL_SIZE);
    }

    @Test
    void postgresql_scheme_query_parameters_and_encoded_credentials_are_kept() {
        DatabaseConfig config = DatabaseConfig.parse(
                "postgresql://b%40b:p%2Fw+d%3A@10.0.0.5/app?sslmode=require&ApplicationName=ds");

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://10.0.0.5/app?sslmode=require&ApplicationName=ds");
        assertThat(config.user()).isEqualTo("b@b");
        assertThat(config.password()).isEqualTo("p/w+d:");
    }

    @Test
    void a_url_without_credentials_or_database_is_accepted() {
        DatabaseConfig config = DatabaseConfig.parse("postgres://localhost:5433");

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5433/");
        assertThat(config.user()).isNull();
        assertThat(config.password()).isNull();
    }

    @Test
    void jdbc_postgresql_urls_pass_through_with_credentials_moved_out_of_the_query() {
        assertThat(DatabaseConfig.parse("jdbc:postgresql://127.0.0.1:5432/test").jdbcUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");

        DatabaseConfig config = DatabaseConfig.parse(
                "jdbc:postgresql://h/db?user=svc&password=top%26secret&currentSchema=app&sslmode=verify-full");

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?currentSchema=app&sslmode=verify-full");
        assertThat(config.user()).isEqualTo("svc");
        assertThat(config.password()).isEqualTo("top&secret");
    }

    @Test
    void jdbc_sqlite_urls_name_a_file_and_in_memory_is_refused() {
        DatabaseConfig config = DatabaseConfig.parse("jdbc:sqlite:/var/lib/ds/analyses.db");

        assertThat(config.isSqlite()).isTrue();
        assertThat(config.sqliteFile()).contains(Path.of("/var/lib/ds/analyses.db"));
        assertThatThrownBy(() -> DatabaseConfig.parse("jdbc:sqlite::memory:"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void other_urls_are_refused_without_showing_the_password() {
        assertThatThrownBy(() -> DatabaseConfig.parse("mysql://root:hunter2@localhost/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mysql://root:***@localhost/db")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void toString_and_mask_never_show_the_password() {
        DatabaseConfig config = DatabaseConfig.parse("postgres://alice:pa55word@db.example.com:5432/sentiment");

        assertThat(config.toString())
                .isEqualTo("jdbc:postgresql://db.example.com:5432/sentiment as alice (password ***)")
                .doesNotContain("pa55word");
        assertThat(DatabaseConfig.mask("postgres://alice:pa55word@db:5432/s")).isEqualTo("postgres://alice:***@db:5432/s");
        assertThat(DatabaseConfig.mask("jdbc:postgresql://db/s?user=a&password=pa55word&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/s?user=a&password=***&ssl=true");
        assertThat(DatabaseConfig.mask("jdbc:postgresql://db:5432/s")).isEqualTo("jdbc:postgresql://db:5432/s");
    }

    @Test
    void an_unreachable_database_fails_with_the_password_masked() {
        DatabaseConfig config = DatabaseConfig.parse("postgres://alice:pa55word@127.0.0.1:1/nothing");

        assertThatThrownBy(() -> Database.open(config))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("opening database jdbc:postgresql://127.0.0.1:1/nothing as alice")
                .hasMessageNotContaining("pa55word");
    }
}
