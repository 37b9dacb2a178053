package io.deepsentiment.hashtag.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepsentiment.hashtag.source.SourceException.Reason;
import io.deepsentiment.hashtag.source.SourceHttp.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Recent English posts with a hashtag, retweets excluded, from the recent search of the X API v2
 * ({@code GET /2/tweets/search/recent}, app-only bearer token), following {@code next_token}.
 */
public final class XRecentSearchSource implements PostSource {

    public static final String NAME = "x";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.x.com");

    /** Page sizes X accepts. */
    static final int MIN_PAGE = 10;
    static final int MAX_PAGE = 100;

    private static final String LABEL = "X";

    private final URI baseUrl;
    private final String bearerToken;
    private final SourceHttp http;

    /**
     * @param baseUrl the API, {@link #DEFAULT_BASE_URL} in production
     * @param bearerToken the app's bearer token (X_BEARER_TOKEN); null or blank makes every fetch fail
     *     with {@link Reason#UNAUTHORIZED}
     */
    public XRecentSearchSource(URI baseUrl, String bearerToken, HttpSettings settings) {
        this.baseUrl = SourceSupport.baseUrl(baseUrl, "the X API URL");
        this.bearerToken = bearerToken == null ? "" : bearerToken.strip();
        this.http = new SourceHttp(LABEL, settings, XRecentSearchSource::rateLimitReset);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Whether a bearer token is configured (fetching without one fails). */
    public boolean hasToken() {
        return !bearerToken.isEmpty();
    }

    @Override
    public List<Post> fetch(String hashtag, int limit, IntConsumer fetchedSoFar) {
        SourceSupport.checkRequest(hashtag, limit);
        if (!hasToken()) {
            throw new SourceException(Reason.UNAUTHORIZED, "no X bearer token configured (set X_BEARER_TOKEN)");
        }
        List<Post> posts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String nextToken = null;
        while (posts.size() < limit) {
            int remaining = limit - posts.size();
            int pageSize = Math.min(MAX_PAGE, Math.max(MIN_PAGE, remaining));
            Response response = http.get(searchUri(hashtag, pageSize, nextToken),
                    Map.of("Authorization", "Bearer " + bearerToken));
            JsonNode root = SourceSupport.readJson(checkStatus(response), LABEL);
            List<Post> page = parsePage(root);
            for (Post post : page) {
                if (posts.size() < limit && seen.add(post.id())) {
                    posts.add(post);
                }
            }
            fetchedSoFar.accept(posts.size());
            String token = SourceSupport.optionalText(root.path("meta"), "next_token");
            if (page.isEmpty() || token == null || token.isEmpty() || token.equals(nextToken)) {
                break;
            }
            nextToken = token;
        }
        return posts;
    }

    private URI searchUri(String hashtag, int maxResults, String nextToken) {
        StringBuilder uri = new StringBuilder(baseUrl.toString())
                .append("/2/tweets/search/recent?query=").append(encode("#" + hashtag + " -is:retweet lang:en"))
                .append("&max_results=").append(maxResults)
                .append("&tweet.fields=").append(encode("created_at,author_id,lang"))
                .append("&expansions=author_id")
                .append("&user.fields=username");
        if (nextToken != null) {
            uri.append("&next_token=").append(encode(nextToken));
        }
        return URI.create(uri.toString());
    }

    private String checkStatus(Response response) {
        int status = response.status();
        if (status == 200) {
            return response.body();
        }
        String detail = redact(SourceSupport.errorDetail(response.body()));
        String says = detail.isEmpty() ? "" : " (X says: " + detail + ")";
        if (status == 401 || status == 403) {
            throw new SourceException(Reason.UNAUTHORIZED,
                    "X rejected the bearer token (HTTP " + status + "); check X_BEARER_TOKEN" + says);
        }
        if (status >= 400) {
            throw new SourceException(Reason.REJECTED, "X rejected the search (HTTP " + status + ")" + says);
        }
        throw new SourceException(Reason.MALFORMED, "X answered HTTP " + status + " instead of search results");
    }

    private static List<Post> parsePage(JsonNode root) {
        if (!root.isObject()) {
            throw new SourceException(Reason.MALFORMED, "X sent search results that are not a JSON object");
        }
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            // a search without results has no "data", only meta.result_count 0
            if (!root.path("meta").isObject()) {
                throw new SourceException(Reason.MALFORMED, "X sent search results without \"data\" or \"meta\"");
            }
            return List.of();
        }
        if (!data.isArray()) {
            throw new SourceException(Reason.MALFORMED, "X sent search results whose \"data\" is not a list");
        }
        Map<String, String> usernames = new HashMap<>();
        for (JsonNode user : root.path("includes").path("users")) {
            String id = SourceSupport.optionalText(user, "id");
            String username = SourceSupport.optionalText(user, "username");
            if (id != null && username != null && !username.isEmpty()) {
                usernames.put(id, username);
            }
        }
        List<Post> posts = new ArrayList<>(data.size());
        for (JsonNode tweet : data) {
            posts.add(toPost(tweet, usernames));
        }
        return posts;
    }

    private static Post toPost(JsonNode tweet, Map<String, String> usernames) {
        if (!tweet.isObject()) {
            throw new SourceException(Reason.MALFORMED, "X sent a post that is not a JSON object");
        }
        String id = SourceSupport.requiredText(tweet, "id", LABEL, "a post");
        JsonNode text = tweet.get("text");
        if (text == null || !text.isTextual()) {
            throw new SourceException(Reason.MALFORMED, "X sent a post without \"text\"");
        }
        Instant createdAt = SourceSupport.requiredInstant(tweet, "created_at", LABEL, "a post");
        String authorId = SourceSupport.optionalText(tweet, "author_id");
        String username = authorId == null ? null : usernames.get(authorId);
        String author = username != null ? "@" + username : authorId != null ? authorId : "";
        String url = username != null
                ? "https://x.com/" + username + "/status/" + id
                : "https://x.com/i/web/status/" + id;
        return new Post(id, HtmlText.unescape(text.asText()), author, url, createdAt);
    }

    /** {@code x-rate-limit-reset}: epoch seconds. */
    static Instant rateLimitReset(HttpHeaders headers) {
        try {
            return headers.firstValue("x-rate-limit-reset")
                    .map(s -> Instant.ofEpochSecond(Long.parseLong(s.trim())))
                    .orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Never let the token reach a message, even if X were to echo it. */
    private String redact(String text) {
        return bearerToken.isEmpty() ? text : text.replace(bearerToken, "[token]");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "XRecentSearchSource[" + baseUrl + ", token " + (hasToken() ? "set" : "missing") + "]";
    }
}
