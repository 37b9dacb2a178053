package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deepsentiment.serve.ApiClient.Reply;
import io.deepsentiment.testing.TinyModel;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Property-based test of {@code POST /api/v1/sentiment}, hand-rolled with a seeded {@link Random}:
 * a few thousand generated bodies (random bytes, JSON-like token soup, mutated valid requests,
 * random field types, deep nesting, huge numbers, hostile Unicode, random content types). Whatever
 * the body, the service answers 2xx or 4xx (never 5xx, never a dropped connection), every 4xx is
 * the error JSON, every 200 holds results with the model's labels, and the service still works at
 * the end. The seed is printed; run again with {@code -Dfuzz.seed=N} (and {@code -Dfuzz.cases=N}).
 * The server has two small models trained in the test JVM: "tiny" with three labels (the default)
 * and "binary" with two, see {@link TinyModel}.
 */
class FuzzTest {

    static {
        // thousands of requests: keep the access log out of the test output
        System.setProperty("org.slf4j.simpleLogger.log.access", "warn");
    }

    private static final long SEED = Long.getLong("fuzz.seed", 20_251_125L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 3000);
    private static final Map<String, List<String>> LABELS = Map.of(
            "tiny", TinyModel.THREE_LABELS,
            "binary", TinyModel.TWO_LABELS);
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8",
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
        "application/json; charset=utf-16", "application/octet-stream", "application/xml", "*/*", "json",
        "application/json;;;", "text/html; charset=\"", null};
    private static final String[] TOKENS = {"{", "}", "[", "]", ":", ",", "\"text\"", "\"texts\"", "\"model\"",
        "\"explain\"", "\"truncate\"", "\"tiny\"", "\"binary\"", "true", "false", "null", "0", "-1",
        "1e999", "-0.0", "\"\"", "\"a\"", "\"I love it\"", "\"\\ud800\"", "\"\\u0000\"", "\"\\\"\"", " ", "\n",
        "\t", "\\", "'", "NaN", "Infinity", "/*", "*/", "//"};
    private static final int[][] UNICODE_RANGES = {
        {0x20, 0x7e}, {0x00, 0x1f}, {0x7f, 0x9f}, {0xa0, 0xff}, {0x0590, 0x05ff}, {0x0600, 0x06ff},
        {0x0300, 0x036f}, {0x200b, 0x200f}, {0x202a, 0x202e}, {0x2066, 0x2069}, {0x1f300, 0x1f6ff},
        {0x1f900, 0x1f9ff}, {0xfe00, 0xfe0f}, {0x4e00, 0x4fff}, {0xe000, 0xe0ff}, {0xfff0, 0xffff},
        {0x10fff0, 0x10ffff}};

    private static SentimentServer server;
    private static ApiClient client;

    /** One generated request; {@code valid} when it must be answered 200. */
    private record Case(int index, String kind, byte[] body, String contentType, boolean valid) {

        String describe() {
            String text = new String(body, StandardCharsets.UTF_8);
            return "#" + index + " " + kind + " (" + contentType + "): " + ApiClient.abbreviate(text);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("tiny", TinyModel.threeLabels());
        models.put("binary", TinyModel.twoLabels());
        server = SentimentServer.start(ServeOptions.defaults(0, models).withRateLimit(0, 1));
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
    void every_generated_body_gets_a_2xx_or_a_4xx_json_error_and_the_service_survives() throws Exception {
        System.out.println("FuzzTest seed " + SEED + " (-Dfuzz.seed=" + SEED + "), " + CASES + " cases");
        Random random = new Random(SEED);
        List<Case> cases = new ArrayList<>(CASES);
        for (int i = 0; i < CASES; i++) {
            cases.add(generate(i, random));
        }

        Queue<String> problems = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> answers = new ConcurrentSkipListMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Case c : cases) {
                done.add(pool.submit(() -> {
                    String problem = check(c, answers);
                    if (problem != null) {
                        problems.add(problem);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("FuzzTest answers " + answers);

        assertThat(problems).as("answers breaking the contract (seed %d)", SEED).isEmpty();
        assertThat(answers).as("the generator reaches these answers")
                .containsKeys("200", "400 malformed_json", "400 invalid_field", "400 invalid_utf8", "400 invalid_body");
        assertThat(client.get("/healthz").status()).isEqualTo(200);
        Reply valid = client.post(ApiClient.textBody("I love this phone and it was the best day"));
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.json().at("/results/0/label").asText()).isEqualTo("positive");
        assertThat(client.get("/metrics").body()).doesNotContain("status=\"500\"");
    }

    /** Sends one case and returns what is wrong with the answer, or null. */
    private static String check(Case c, Map<String, AtomicInteger> answers) {
        Reply reply;
        try {
            reply = client.postBytes(c.body(), c.contentType());
        } catch (UncheckedIOException e) {
            return "no answer (" + e.getCause() + ") to " + c.describe();
        }
        int status = reply.status();
        String code = status >= 400 ? " " + codeOf(reply) : "";
        answers.computeIfAbsent(status + code, s -> new AtomicInteger()).incrementAndGet();
        if (c.valid() && status != 200) {
            return "a valid request got " + reply + ": " + c.describe();
        }
        if (status >= 400 && status < 500) {
            try {
                ApiClient.assertErrorShape(reply);
            } catch (AssertionError e) {
                return "bad error body " + reply + " for " + c.describe();
            }
            return null;
        }
        if (status != 200) {
            return "status " + reply + " for " + c.describe();
        }
        try {
            JsonNode body = reply.json();
            List<String> labels = LABELS.get(body.at("/model/name").asText());
            if (labels == null) {
                return "unknown model in " + reply + " for " + c.describe();
            }
            JsonNode results = body.get("results");
            if (results == null || !results.isArray() || results.isEmpty()) {
                return "no results in " + reply + " for " + c.describe();
            }
            for (JsonNode result : results) {
                ApiClient.assertValidResult(result, labels);
            }
        } catch (AssertionError e) {
            return "bad result " + reply + " for " + c.describe() + ": " + e.getMessage();
        }
        return null;
    }

    private static String codeOf(Reply reply) {
        try {
            return reply.json().path("error").path("code").asText("?");
        } catch (AssertionError notJson) {
            return "(not JSON)";
        }
    }

    // ---- generators --------------------------------------------------------------------------

    private static Case generate(int index, Random random) {
        int kind = random.nextInt(100);
        String contentType = random.nextInt(4) == 0
                ? CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)] : "application/json";
        if (kind < 10) {
            return new Case(index, "random bytes", randomBytes(random), contentType, false);
        }
        if (kind < 22) {
            return new Case(index, "token soup", utf8(tokenSoup(random)), contentType, false);
        }
        if (kind < 45) {
            return new Case(index, "mutated", mutate(utf8(validBody(random)), random), contentType, false);
        }
        if (kind < 62) {
            return new Case(index, "random fields", utf8(ApiClient.write(randomFields(random))), contentType, false);
        }
        if (kind < 66) {
            return new Case(index, "deep nesting", utf8(deepNesting(random)), contentType, false);
        }
        if (kind < 70) {
            return new Case(index, "huge number", utf8(hugeNumber(random)), contentType, false);
        }
        if (kind < 85) {
            // any content type: the service reads the body as JSON whatever the header says
            return new Case(index, "valid", utf8(validBody(random)), contentType, true);
        }
        return new Case(index, "escaped unicode", utf8(escapedUnicodeBody(random)), contentType, true);
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        if (bytes.length > 0 && random.nextBoolean()) {
            bytes[0] = '{';
        }
        return bytes;
    }

    private static String tokenSoup(Random random) {
        StringBuilder out = new StringBuilder();
        int n = 1 + random.nextInt(40);
        for (int i = 0; i < n; i++) {
            out.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return out.toString();
    }

    /** A request the service must accept: 1-20 texts (or one), maybe a model, explain and truncate. */
    private static String validBody(Random random) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (random.nextBoolean()) {
            body.put("text", randomText(random));
        } else {
            ArrayNode texts = body.putArray("texts");
            int n = 1 + random.nextInt(20);
            for (int i = 0; i < n; i++) {
                texts.add(randomText(random));
            }
        }
        switch (random.nextInt(4)) {
            case 0 -> body.put("model", "tiny");
            case 1 -> body.put("model", "binary");
            case 2 -> body.putNull("model");
            default -> { }
        }
        if (random.nextInt(3) == 0) {
            body.put("explain", random.nextBoolean());
        }
        if (random.nextInt(3) == 0) {
            body.put("truncate", random.nextBoolean());
        }
        return ApiClient.write(body);
    }

    /** Random Unicode text, up to 200 code points, from ranges chosen to upset text handling. */
    private static String randomText(Random random) {
        StringBuilder out = new StringBuilder();
        int n = random.nextInt(random.nextInt(10) == 0 ? 200 : 40);
        int[] range = UNICODE_RANGES[random.nextInt(UNICODE_RANGES.length)];
        for (int i = 0; i < n; i++) {
            if (random.nextInt(8) == 0) {
                range = UNICODE_RANGES[random.nextInt(UNICODE_RANGES.length)];
            }
            if (random.nextInt(6) == 0) {
                out.append(random.nextBoolean() ? " " : new String[] {"love", "hate", ":)", ":(", "#tag", "@user",
                    "http://x.y/z", "<br />", "&amp;", "soooo", "!!!!", "\\u2019"}[random.nextInt(12)]);
                continue;
            }
            out.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
        }
        return out.toString();
    }

    /** A valid request written by hand with \\u escapes, lone surrogates included (legal JSON). */
    private static String escapedUnicodeBody(Random random) {
        StringBuilder text = new StringBuilder();
        int n = random.nextInt(30);
        for (int i = 0; i < n; i++) {
            int c = switch (random.nextInt(5)) {
                case 0 -> 0xd800 + random.nextInt(0x800); // a surrogate, paired only by chance
                case 1 -> random.nextInt(0x20);            // a control character
                case 2 -> 0x0600 + random.nextInt(0x100);  // Arabic
                case 3 -> 0xfff0 + random.nextInt(0x10);   // specials and non-characters
                default -> 0x20 + random.nextInt(0x5f);
            };
            text.append(String.format("\\u%04x", c));
        }
        return "{\"text\": \"" + text + "\"" + (random.nextBoolean() ? ", \"explain\": true" : "") + "}";
    }

    /** A copy of the bytes with 1-6 deletions, duplications, insertions, swaps or a cut. */
    private static byte[] mutate(byte[] body, Random random) {
        List<Byte> out = new ArrayList<>(body.length + 8);
        for (byte b : body) {
            out.add(b);
        }
        int mutations = 1 + random.nextInt(6);
        for (int m = 0; m < mutations && !out.isEmpty(); m++) {
            int at = random.nextInt(out.size());
            switch (random.nextInt(6)) {
                case 0 -> out.remove(at);
                case 1 -> out.add(at, out.get(at));
                case 2 -> out.add(at, (byte) TOKENS[random.nextInt(TOKENS.length)].charAt(0));
                case 3 -> {
                    int other = random.nextInt(out.size());
                    Byte b = out.get(at);
                    out.set(at, out.get(other));
                    out.set(other, b);
                }
                case 4 -> out.set(at, (byte) random.nextInt(256));
                default -> out.subList(at, out.size()).clear();
            }
        }
        byte[] bytes = new byte[out.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = out.get(i);
        }
        return bytes;
    }

    /** An object with the known field names (and some unknown ones), each holding any JSON value. */
    private static ObjectNode randomFields(Random random) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        String[] names = {"text", "texts", "model", "explain", "truncate"};
        for (String name : names) {
            if (random.nextInt(3) > 0) {
                body.set(name, randomValue(random, 0, name));
            }
        }
        if (random.nextInt(8) == 0) {
            body.put(random.nextBoolean() ? "lang" : randomText(random), 1);
        }
        return body;
    }

    private static JsonNode randomValue(Random random, int depth, String field) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        int choice = random.nextInt(depth > 2 ? 6 : 9);
        return switch (choice) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(random.nextBoolean());
            case 2 -> f.numberNode(random.nextInt());
            case 3 -> f.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(600) - 300));
            case 4 -> f.textNode(field.equals("model") && random.nextBoolean()
                    ? (random.nextBoolean() ? "tiny" : "binary") : randomText(random));
            case 5 -> f.numberNode(new BigInteger(random.nextInt(400) + 1, random));
            case 6, 7 -> {
                ArrayNode array = f.arrayNode();
                int n = random.nextInt(random.nextInt(6) == 0 ? 600 : 8);
                boolean strings = random.nextBoolean();
                for (int i = 0; i < n; i++) {
                    array.add(strings && random.nextInt(20) > 0
                            ? f.textNode(randomText(random)) : randomValue(random, depth + 1, field));
                }
                yield array;
            }
            default -> {
                ObjectNode object = f.objectNode();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    object.set("k" + i, randomValue(random, depth + 1, field));
                }
                yield object;
            }
        };
    }

    private static String deepNesting(Random random) {
        int depth = 500 + random.nextInt(10_000);
        return switch (random.nextInt(5)) {
            case 0 -> "[".repeat(depth);
            case 1 -> "[".repeat(depth) + "]".repeat(depth);
            case 2 -> "{\"text\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
            case 3 -> "{\"texts\": " + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}";
            default -> "{\"text\": \"x\", \"model\": " + "[{\"a\": ".repeat(depth / 2) + "null"
                    + "}]".repeat(depth / 2) + "}";
        };
    }

    private static String hugeNumber(Random random) {
        String digits = "9".repeat(1 + random.nextInt(5000));
        return switch (random.nextInt(5)) {
            case 0 -> "{\"text\": " + digits + "}";
            case 1 -> "{\"text\": \"x\", \"explain\": 1e" + digits + "}";
            case 2 -> "{\"texts\": [-" + digits + "." + digits + "]}";
            case 3 -> digits;
            default -> "{\"text\": \"ok\", \"truncate\": 0." + digits + "e-" + digits + "}";
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
