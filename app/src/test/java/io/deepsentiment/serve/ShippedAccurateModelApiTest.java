package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A test of the shipped models: tweets-accurate (the fine-tuned encoder, in ONNX Runtime) through
 * the API, as the service's default model beside the shipped tweets CNN: labels, explanations over
 * whole words, its own queue limit. It reads {@code models/}, so re-training a shipped model may
 * mean updating it; tests that need any model train a small one instead (see
 * {@code io.deepsentiment.testing}).
 */
class ShippedAccurateModelApiTest {

    private static SentimentServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("tweets-accurate", Path.of("models/tweets-accurate"));
        models.put("tweets", Path.of("models/tweets"));
        server = SentimentServer.start(ServeOptions.defaults(0, models));
        client = new ApiClient(server.port());
        server.modelsLoaded().get();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theDefaultModelLabelsTweets() {
        ApiClient.Reply reply = client.post("{\"texts\": [\"I love this phone, best purchase ever 😍\","
                + " \"@united worst airline ever, lost my bag again\", \"\"]}");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("model").get("name").asText()).isEqualTo("tweets-accurate");
        JsonNode results = body.get("results");
        assertThat(results.get(0).get("label").asText()).isEqualTo("positive");
        assertThat(results.get(1).get("label").asText()).isEqualTo("negative");
        assertThat(results.get(1).get("polarity").asDouble()).isLessThan(-0.5);
        // an empty text gets an answer too
        assertThat(results.get(2).get("probabilities").size()).isEqualTo(3);
    }

    @Test
    void explanationsScoreTheWords() {
        ApiClient.Reply reply = client.post("{\"text\": \"the food was terrible but the staff were lovely\", \"explain\": true}");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode tokens = reply.json().get("results").get(0).get("tokens");
        List<String> words = new ArrayList<>();
        Map<String, Double> contribution = new LinkedHashMap<>();
        tokens.forEach(t -> {
            words.add(t.get("token").asText());
            contribution.put(t.get("token").asText(), t.get("contribution").asDouble());
        });
        // the words of the text, not its word pieces
        assertThat(words).containsExactly("the", "food", "was", "terrible", "but", "the", "staff", "were", "lovely");
        assertThat(contribution.get("terrible")).isLessThan(0);
        assertThat(contribution.get("lovely")).isGreaterThan(0);
    }

    @Test
    void explainingMoreWordsThanItsQueueHoldsIs413() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            text.append("good bad ");
        }
        StringBuilder body = new StringBuilder("{\"explain\": true, \"texts\": [");
        for (int i = 0; i < 10; i++) {
            body.append(i == 0 ? "" : ",").append('"').append(text).append('"');
        }
        ApiClient.Reply reply = client.post(body.append("]}").toString());
        // 10 texts of the 123 words that fit in 128 word pieces: 1,240 scoring rows, over the
        // encoder's 1,024 (the CNN takes 8,192)
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo("too_many_tokens");
        assertThat(reply.json().get("error").get("message").asText()).contains("tweets-accurate").contains("1024");
    }
}
