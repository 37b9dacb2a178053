package io.deepsentiment.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.deepsentiment.serve.SentimentServer;
import io.deepsentiment.serve.ServeOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes manifests in {@code deploy/kubernetes/}: the pods run the Procfile's web command,
 * their probes call routes the service has, and the Service and autoscaler point at the Deployment.
 */
class KubernetesManifestTest {

    private static final Map<String, JsonNode> BY_KIND = new HashMap<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void parse() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (var documents = yaml.readerFor(JsonNode.class)
                .readValues(Files.readString(Path.of("deploy/kubernetes/deepsentiment.yaml")))) {
            while (documents.hasNext()) {
                JsonNode document = (JsonNode) documents.next();
                BY_KIND.put(document.get("kind").asText(), document);
            }
        }
    }

    @Test
    void the_pods_run_the_procfile_web_command_with_the_database_from_a_secret() throws Exception {
        JsonNode container = container();
        String web = Files.readAllLines(Path.of("Procfile")).stream().filter(l -> l.startsWith("web:"))
                .findFirst().orElseThrow().substring("web:".length()).strip();
        assertThat(container.get("command")).hasSize(3);
        assertThat(container.get("command").get(0).asText()).isEqualTo("sh");
        assertThat(container.get("command").get(2).asText()).isEqualTo("exec " + web);

        Map<String, JsonNode> env = new HashMap<>();
        container.get("env").forEach(e -> env.put(e.get("name").asText(), e));
        assertThat(env.get("DATABASE_URL").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("deepsentiment-db");
        assertThat(env.get("DATABASE_URL").at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("url");
        assertThat(env.get("PORT").get("value").asText())
                .isEqualTo(container.at("/ports/0/containerPort").asText());
        assertThat(container.at("/resources/requests/cpu").asText()).isNotEmpty();
        assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
    }

    @Test
    void the_probes_call_routes_the_service_answers_while_its_models_load() throws Exception {
        JsonNode container = container();
        String readiness = container.at("/readinessProbe/httpGet/path").asText();
        String liveness = container.at("/livenessProbe/httpGet/path").asText();
        assertThat(readiness).isEqualTo("/readyz");
        assertThat(liveness).isEqualTo("/healthz");
        assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo(container.at("/ports/0/name").asText());

        // a model that cannot load: the service runs, is alive, and is not ready
        Map<String, Path> models = Map.of("missing", dir.resolve("no-model-here"));
        try (SentimentServer server = SentimentServer.start(ServeOptions.defaults(0, models))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + liveness)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + readiness)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
        }
    }

    @Test
    void the_service_and_the_autoscaler_point_at_the_deployment() {
        JsonNode deployment = BY_KIND.get("Deployment");
        String name = deployment.at("/metadata/name").asText();
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        assertThat(deployment.at("/spec/selector/matchLabels")).isEqualTo(podLabels);

        JsonNode service = BY_KIND.get("Service");
        assertThat(service.at("/spec/selector")).isEqualTo(podLabels);
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo(container().at("/ports/0/name").asText());

        JsonNode hpa = BY_KIND.get("HorizontalPodAutoscaler");
        assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(name);
        assertThat(hpa.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isGreaterThan(hpa.at("/spec/minReplicas").asInt());
        assertThat(List.of("Deployment", "Service", "HorizontalPodAutoscaler")).allMatch(BY_KIND::containsKey);
    }

    private static JsonNode container() {
        return BY_KIND.get("Deployment").at("/spec/template/spec/containers/0");
    }
}
