package io.deepsentiment.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a JSON request body safely: a declared or actual size over the limit is refused before
 * parsing (413), bytes that are not UTF-8 are refused (400 invalid_utf8), and JSON errors name
 * the line and column (400 malformed_json).
 */
final class JsonBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBody() {}

    static JsonNode read(Context ctx, int maxBytes) {
        return parse(bytes(ctx, maxBytes));
    }

    static byte[] bytes(Context ctx, int maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable_body", "the body could not be read: " + e.getMessage());
        }
    }

    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("missing_body", "the body is empty; send a JSON object");
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("invalid_utf8", "the body is not valid UTF-8");
        }
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw ApiException.badRequest("malformed_json", "the body holds no JSON value");
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiException.badRequest("malformed_json", "the body is not valid JSON" + where + ": "
                    + e.getOriginalMessage());
        }
    }

    static ApiException tooLarge(int maxBytes) {
        return new ApiException(413, "body_too_large", "the body is larger than the limit of " + maxBytes + " bytes");
    }
}
