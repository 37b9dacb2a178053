package io.deepsentiment.hashtag.store;

import io.deepsentiment.hashtag.analysis.AnalysisStore;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store on the real PostgreSQL, in a schema of this class's own (see {@link PostgresSchema}):
 * fails when the server is down, unless {@code DEEPSENTIMENT_SKIP_POSTGRES=1}.
 */
class PostgresAnalysisStoreTest extends AnalysisStoreContract {

    private static PostgresSchema schema;

    @BeforeAll
    static void createSchema() {
        schema = PostgresSchema.create();
    }

    @AfterAll
    static void dropSchema() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    DatabaseConfig config() {
        return schema.config();
    }

    @Test
    void the_table_lives_in_the_schema_of_the_url() {
        assertThat(config().jdbcUrl()).contains("currentSchema=" + schema.name());
        assertThat(((com.zaxxer.hikari.HikariDataSource) database.dataSource()).getMaximumPoolSize()).isEqualTo(3);
    }

    @Test
    void instances_starting_at_once_on_an_empty_schema_migrate_it_once() throws Exception {
        try (PostgresSchema fresh = PostgresSchema.create()) {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<AnalysisStore> stores = new ArrayList<>();
            try {
                List<Future<AnalysisStore>> starting = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Callable<AnalysisStore> open = () -> JdbcAnalysisStore.open(fresh.config());
                    starting.add(pool.submit(open));
                }
                for (Future<AnalysisStore> each : starting) {
                    stores.add(each.get());
                }
                stores.get(0).insert(running("one", T0));
                assertThat(stores.get(2).find("one")).isPresent();
            } finally {
                pool.shutdownNow();
                stores.forEach(AnalysisStore::close);
            }
        }
    }

    @Test
    void the_password_never_reaches_the_log() {
        String secret = "s3cret-" + System.nanoTime();
        DatabaseConfig withPassword = new DatabaseConfig(config().jdbcUrl(), config().user(), secret, 2);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (AnalysisStore other = JdbcAnalysisStore.open(withPassword)) {
            other.find("x");
        } finally {
            System.setErr(stderr);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        stderr.print(log);
        assertThat(log).contains("database").doesNotContain(secret);
    }
}
