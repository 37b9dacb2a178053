package io.deepsentiment.hashtag.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deepsentiment.hashtag.source.SourceException.Reason;
import io.deepsentiment.hashtag.source.SourceHttp.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The operator's signed-in session on their Bluesky account's host: {@code com.atproto.server.createSession}
 * with the handle and an app password on first use, then the access token reused until it is about to
 * expire, renewed with {@code com.atproto.server.refreshSession}, and only when the refresh token is
 * refused too, signed in again. Bluesky allows an account about 100 sign-ins a day (30 in 5 minutes),
 * so one session serves every analysis of the process.
 */
final class BlueskySession {

    /** A token that expires sooner than this is renewed before a call rather than refused during it. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI service;
    private final String handle;
    private final String appPassword;
    private final SourceHttp http;
    private final Clock clock;

    private String accessJwt;
    private Instant accessExpires;
    private String refreshJwt;
    private int signIns;

    /**
     * @param service the account's host, such as {@code https://bsky.social}
     * @param handle the account's handle (or DID or e-mail), such as {@code alice.bsky.social}
     * @param appPassword an app password made in Bluesky's settings (never the account's password)
     */
    BlueskySession(URI service, String handle, String appPassword, SourceHttp http, Clock clock) {
        this.service = service;
        this.handle = handle;
        this.appPassword = appPassword;
        this.http = http;
        this.clock = clock;
    }

    /** A valid access token: signs in on first use, renews one that is about to expire. */
    synchronized String accessToken() {
        if (accessJwt == null) {
            signIn();
        } else if (accessExpires != null && clock.instant().plus(RENEW_BEFORE).isAfter(accessExpires)) {
            renew();
        }
        return accessJwt;
    }

    /** The host refused {@code token} as expired or invalid: the next {@link #accessToken()} renews it. */
    synchronized void refused(String token) {
        if (token.equals(accessJwt)) {
            renew();
        }
    }

    /** How many times the process signed in with the app password (for tests and the log). */
    synchronized int signIns() {
        return signIns;
    }

    private void renew() {
        if (refreshJwt == null) {
            signIn();
            return;
        }
        Response response = http.postJson(xrpc("com.atproto.server.refreshSession"),
                Map.of("Authorization", "Bearer " + refreshJwt), null);
        if (response.status() == 200) {
            take(response);
            return;
        }
        String error = errorName(response.body());
        if (error.equals("AccountTakedown")) {
            throw accountProblem(response);
        }
        // ExpiredToken, InvalidToken, 401: the refresh token is no longer good; sign in again
        signIn();
    }

    private void signIn() {
        ObjectNode body = JSON.createObjectNode().put("identifier", handle).put("password", appPassword);
        Response response = http.postJson(xrpc("com.atproto.server.createSession"), Map.of(), body.toString());
        signIns++;
        if (response.status() == 200) {
            take(response);
            return;
        }
        accessJwt = null;
        refreshJwt = null;
        throw accountProblem(response);
    }

    private SourceException accountProblem(Response response) {
        String detail = SourceSupport.errorDetail(response.body());
        String says = detail.isEmpty() ? "" : " (Bluesky says: " + detail + ")";
        String error = errorName(response.body());
        if (response.status() == 401 || response.status() == 403 || error.equals("AuthenticationRequired")
                || error.equals("AuthFactorTokenRequired") || error.equals("AccountTakedown")) {
            return new SourceException(Reason.UNAUTHORIZED, "Bluesky refused to sign in as " + handle + " (HTTP "
                    + response.status() + "); check BLUESKY_HANDLE and BLUESKY_APP_PASSWORD" + says);
        }
        return new SourceException(Reason.REJECTED,
                "Bluesky refused to sign in as " + handle + " (HTTP " + response.status() + ")" + says);
    }

    private void take(Response response) {
        JsonNode session = SourceSupport.readJson(response.body(), "Bluesky");
        String access = SourceSupport.requiredText(session, "accessJwt", "Bluesky", "a session");
        String refresh = SourceSupport.requiredText(session, "refreshJwt", "Bluesky", "a session");
        accessJwt = access;
        refreshJwt = refresh;
        accessExpires = expiry(access);
    }

    private URI xrpc(String method) {
        return URI.create(service + "/xrpc/" + method);
    }

    /** The {@code error} name of an XRPC error body, such as {@code ExpiredToken}; "" if none. */
    static String errorName(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.isTextual() ? error.asText() : "";
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * The {@code exp} claim of a JWT (seconds since the epoch), read without checking the signature:
     * only the host checks it; we only want to renew in time. Null when it cannot be read, and the
     * token is then used until the host refuses it.
     */
    static Instant expiry(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
            JsonNode exp = JSON.readTree(new String(payload, StandardCharsets.UTF_8)).path("exp");
            return exp.canConvertToLong() ? Instant.ofEpochSecond(exp.asLong()) : null;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
