package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The API document as a contract for the server's answers: the status must be documented for the
 * operation, the content type must be one the document names for that status, and a JSON body
 * must match the documented schema ({@code $ref}s resolved, OpenAPI 3.0 keywords such as
 * {@code nullable} understood, formats such as {@code uuid} and {@code date-time} checked).
 *
 * <p>Objects are checked as closed: a property the server sends must be documented, even where
 * the document leaves {@code additionalProperties} open for clients, so that nothing the server
 * answers goes undocumented.
 */
final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the validator finds the document; never fetched, the text is handed over below. */
    private static final String DOCUMENT = "https://deepsentiment.invalid/openapi.json";

    private final JsonNode document;
    private final SchemaRegistry schemas;
    private final Set<String> answered = new TreeSet<>();

    OpenApiContract(String documentText) {
        try {
            this.document = JSON.readTree(documentText);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the API document is not JSON", e);
        }
        String closed = closeObjects(document.deepCopy()).toString();
        this.schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), registry -> registry
                .schemas(Map.of(DOCUMENT, closed))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /**
     * Checks one answer of {@code method path} (the path as the document writes it, such as
     * {@code /api/v1/analyses/{id}}) against the document, and remembers that the operation answered.
     */
    void check(String method, String path, int status, String contentType, String body) {
        String operation = method.toUpperCase(Locale.ROOT) + " " + path;
        JsonNode documented = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        assertThat(documented.isMissingNode()).as("%s is documented", operation).isFalse();
        String responsePointer = "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
        JsonNode ref = document.at(responsePointer).path("$ref");
        if (ref.isTextual()) {
            // {"$ref": "#/components/responses/X"}: a response shared by several operations
            responsePointer = ref.asText().substring(1);
        }
        JsonNode response = document.at(responsePointer);
        assertThat(response.isMissingNode())
                .as("%s answered %d, which the document does not list for it: %s", operation, status, body)
                .isFalse();
        answered.add(operation);

        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            assertThat(body).as("%s %d documents no body", operation, status).isEmpty();
            return;
        }
        assertThat(contentType).as("content type of %s %d", operation, status).isNotNull();
        String mediaType = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        assertThat(fieldNames(content)).as("content type of %s %d", operation, status).contains(mediaType);
        if (mediaType.equals("application/json")) {
            assertMatches(responsePointer + "/content/" + escape(mediaType) + "/schema", parse(body, operation),
                    operation + " " + status);
        }
    }

    /** Checks a JSON value against a schema of the document's components, such as {@code Analysis}. */
    void checkComponent(String schemaName, JsonNode value, String what) {
        assertThat(document.path("components").path("schemas").has(schemaName)).as("schema %s", schemaName).isTrue();
        List<Error> errors = schemas.getSchema(SchemaLocation.of(DOCUMENT + "#/components/schemas/" + schemaName))
                .validate(value);
        assertThat(describe(errors)).as("%s against %s: %s", what, schemaName, ApiClient.abbreviate(value.toString()))
                .isEmpty();
    }

    /** The operations that answered at least once, as "METHOD /path". */
    Set<String> answeredOperations() {
        return answered;
    }

    /** Every operation of the document, as "METHOD /path". */
    Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : fieldNames(path.getValue())) {
                if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    private void assertMatches(String schemaPointer, JsonNode value, String what) {
        Schema schema = schemas.getSchema(SchemaLocation.of(DOCUMENT + "#" + schemaPointer));
        assertThat(describe(schema.validate(value)))
                .as("%s against its documented schema: %s", what, ApiClient.abbreviate(value.toString()))
                .isEmpty();
    }

    /** Each error as "where: keyword [arguments]", such as "/results/0: additionalProperties [label]". */
    private static List<String> describe(List<Error> errors) {
        return errors.stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getKeyword() + " " + Arrays.toString(e.getArguments()))
                .toList();
    }

    /** A name as one step of a JSON pointer (RFC 6901). */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode parse(String body, String operation) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError(operation + ": the body is not JSON: " + ApiClient.abbreviate(body), e);
        }
    }

    /** Adds {@code additionalProperties: false} to every object schema that lists its properties and says nothing else. */
    private static JsonNode closeObjects(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if ("object".equals(object.path("type").asText()) && object.path("properties").isObject()
                    && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.forEach(OpenApiContract::closeObjects);
        } else if (node.isArray()) {
            node.forEach(OpenApiContract::closeObjects);
        }
        return node;
    }

    private static List<String> fieldNames(JsonNode node) {
        return ApiClient.fieldNames(node);
    }
}
