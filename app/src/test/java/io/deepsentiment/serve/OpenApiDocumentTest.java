package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepsentiment.hashtag.analysis.AnalysisOptions;
import io.deepsentiment.hashtag.source.PostSource;
import io.deepsentiment.hashtag.store.DatabaseConfig;
import io.deepsentiment.hashtag.store.JdbcAnalysisStore;
import io.deepsentiment.testing.TinyModel;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API document against the router: every route documented, every documented route served. */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @TempDir
    Path dir;

    @Test
    void every_route_is_documented_and_every_documented_route_exists() throws Exception {
        PostSource none = new PostSource() {
            @Override
            public String name() {
                return "mastodon";
            }

            @Override
            public List<io.deepsentiment.hashtag.source.Post> fetch(String hashtag, int limit,
                    java.util.function.IntConsumer fetchedSoFar) {
                return List.of();
            }
        };
        HashtagBackend backend = HashtagBackend.of(Map.of("mastodon", none),
                JdbcAnalysisStore.open(DatabaseConfig.sqlite(dir.resolve("a.db"))), AnalysisOptions.defaults());
        try (SentimentServer server = SentimentServer.start(
                ServeOptions.defaults(0, Map.of("tiny", TinyModel.threeLabels())), backend)) {
            Set<String> routed = new TreeSet<>();
            for (String route : server.routeList()) {
                if (METHODS.contains(route.substring(0, route.indexOf(' ')))) {
                    routed.add(route);
                }
            }
            JsonNode document = new ObjectMapper().readTree(new ApiClient(server.port()).get("/openapi.json").body());
            Set<String> documented = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                path.getValue().fieldNames().forEachRemaining(method -> {
                    if (METHODS.contains(method.toUpperCase(java.util.Locale.ROOT))) {
                        documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                    }
                });
            }
            assertThat(documented).isEqualTo(routed);
            // every $ref points at a schema that exists
            String text = document.toString();
            java.util.regex.Matcher refs = java.util.regex.Pattern.compile("#/components/schemas/(\\w+)").matcher(text);
            while (refs.find()) {
                assertThat(document.at("/components/schemas/" + refs.group(1)).isMissingNode())
                        .as("schema %s", refs.group(1)).isFalse();
            }
        }
    }
}
