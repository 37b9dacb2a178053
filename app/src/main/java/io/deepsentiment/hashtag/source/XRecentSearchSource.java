package io.deepsentiment.hashtag.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepsentiment.hashtag.source.SourceException.Reason;
import io.deepsentiment.hashtag.source.SourceHttp.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recent English posts with a hashtag, retweets excluded, from the recent search of the X API v2
 * ({@code GET /2/tweets/search/recent}, app-only bearer token), following {@code next_token}.
 *
 * <p>X bills every post read, so reading is bounded by the operator's {@link Spending}: an analysis
 * asking for more than its cap is refused, and each page is taken from the day's allowance (shared by
 * every instance through a {@link PostBudget}) before X is called. X's own usage cap (a 429 that no
 * wait lifts) and spent credits (402) are told apart from its rate limit.
 */
public final class XRecentSearchSource implements PostSource {

    /**
     * What X reading may cost.
     *
     * @param maxPostsPerAnalysis posts one analysis may read (X_MAX_POSTS_PER_ANALYSIS)
     * @param maxPostsPerDay posts every instance together may read on a day, UTC (X_MAX_POSTS_PER_DAY)
     * @param budget where the day's reads are counted
     */
    public record Spending(int maxPostsPerAnalysis, int maxPostsPerDay, PostBudget budget) {

        public static final int DEFAULT_PER_ANALYSIS = 100;
        public static final int DEFAULT_PER_DAY = 1000;

        public Spending {
            if (maxPostsPerAnalysis < MIN_PAGE || maxPostsPerAnalysis > SourceSupport.MAX_LIMIT) {
                throw new IllegalArgumentException("X_MAX_POSTS_PER_ANALYSIS must be " + MIN_PAGE + " to "
                        + SourceSupport.MAX_LIMIT + ", not " + maxPostsPerAnalysis);
            }
            if (maxPostsPerDay < 0) {
                throw new IllegalArgumentException("X_MAX_POSTS_PER_DAY must not be negative, not " + maxPostsPerDay);
            }
            java.util.Objects.requireNonNull(budget, "budget");
        }
    }

    public static final String NAME = "x";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.x.com");

    /** Page sizes X accepts. */
    static final int MIN_PAGE = 10;
    static final int MAX_PAGE = 100;

    private static final String LABEL = "X";
    private static final Logger LOG = LoggerFactory.getLogger(XRecentSearchSource.class);

    private final URI baseUrl;
    private final String bearerToken;
    private final Spending spending;
    private final java.time.Clock clock;
    private final SourceHttp http;

    /**
     * @param baseUrl the API, {@link #DEFAULT_BASE_URL} in production
     * @param bearerToken the app's bearer token (X_BEARER_TOKEN); null or blank makes every fetch fail
     *     with {@link Reason#UNAUTHORIZED}
     */
    public XRecentSearchSource(URI baseUrl, String bearerToken, Spending spending, HttpSettings settings) {
        this.baseUrl = SourceSupport.baseUrl(baseUrl, "the X API URL");
        this.bearerToken = bearerToken == null ? "" : bearerToken.strip();
        this.spending = java.util.Objects.requireNonNull(spending, "spending");
        this.clock = settings.clock();
        this.http = new SourceHttp(LABEL, settings, XRecentSearchSource::rateLimitReset,
                XRecentSearchSource::isUsageCap);
    }

    @Override
    public boolean isEnabled() {
        return hasToken();
    }

    @Override
    public String setup() {
        return "X bills every post read: set X_BEARER_TOKEN to turn it on; X_MAX_POSTS_PER_ANALYSIS (now "
                + spending.maxPostsPerAnalysis() + ") and X_MAX_POSTS_PER_DAY (now " + spending.maxPostsPerDay()
                + ") cap the spending";
    }

    @Override
    public int maxPostsPerAnalysis() {
        return spending.maxPostsPerAnalysis();
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
        return fetch(new PostQuery(hashtag, limit, null), fetchedSoFar, note -> LOG.warn("X: {}", note));
    }

    @Override
    public List<Post> fetch(PostQuery query, IntConsumer fetchedSoFar, Consumer<String> notes) {
        String hashtag = query.hashtag();
        int limit = query.limit();
        SourceSupport.checkRequest(hashtag, limit);
        if (!hasToken()) {
            throw new SourceException(Reason.UNAUTHORIZED, "no X bearer token configured (set X_BEARER_TOKEN)");
        }
        if (limit > spending.maxPostsPerAnalysis()) {
            throw new SourceException(Reason.QUOTA, "an X analysis may read at most " + spending.maxPostsPerAnalysis()
                    + " posts (X_MAX_POSTS_PER_ANALYSIS, since X bills every post read); ask for fewer");
        }
        List<Post> posts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String nextToken = null;
        while (posts.size() < limit) {
            int remaining = limit - posts.size();
            int wanted = Math.min(MAX_PAGE, Math.max(MIN_PAGE, remaining));
            LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            int pageSize = spending.budget().take(NAME, day, wanted, spending.maxPostsPerDay());
            if (pageSize < MIN_PAGE) {
                spending.budget().giveBack(NAME, day, pageSize);
                if (posts.isEmpty()) {
                    throw new SourceException(Reason.QUOTA, "today's X allowance of " + spending.maxPostsPerDay()
                            + " posts (X_MAX_POSTS_PER_DAY) is spent; it renews at 00:00 UTC");
                }
                notes.accept("today's X allowance of " + spending.maxPostsPerDay() + " posts (X_MAX_POSTS_PER_DAY)"
                        + " ran out after " + posts.size() + " posts; it renews at 00:00 UTC");
                break;
            }
            Response response;
            try {
                response = http.get(searchUri(hashtag, pageSize, startTime(query.since()), nextToken),
                        Map.of("Authorization", "Bearer " + bearerToken));
            } catch (SourceException e) {
                spending.budget().giveBack(NAME, day, pageSize);
                throw e;
            }
            if (response.status() != 200) { // X bills the posts it sends: none here
                spending.budget().giveBack(NAME, day, pageSize);
            }
            JsonNode root = SourceSupport.readJson(checkStatus(response), LABEL);
            List<Post> page = parsePage(root); // a malformed page stays counted in full: it was sent
            int sent = root.path("data").size(); // reposts skipped by parsePage were billed too
            spending.budget().giveBack(NAME, day, pageSize - Math.min(pageSize, sent));
            for (Post post : page) {
                if (posts.size() < limit && query.wants(post.createdAt()) && seen.add(post.id())) {
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

    /**
     * X's {@code start_time} for posts after {@code since}: only within recent search's 7 days (an
     * older one is refused by X, and every post it serves is newer anyway); null for none.
     */
    private String startTime(Instant since) {
        if (since == null || since.isBefore(clock.instant().minus(java.time.Duration.ofDays(6)))) {
            return null;
        }
        return since.plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private URI searchUri(String hashtag, int maxResults, String startTime, String nextToken) {
        StringBuilder uri = new StringBuilder(baseUrl.toString())
                .append("/2/tweets/search/recent?query=").append(encode("#" + hashtag + " -is:retweet lang:en"))
                .append("&max_results=").append(maxResults)
                .append("&tweet.fields=").append(encode("created_at,author_id,lang"))
                .append("&expansions=author_id")
                .append("&user.fields=username");
        if (startTime != null) {
            uri.append("&start_time=").append(encode(startTime));
        }
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
        if (status == 429) { // only usage caps get here: SourceHttp handles rate limits
            throw new SourceException(Reason.QUOTA, "the X account's usage cap is reached; X serves no more"
                    + " posts until the cap's period renews or the plan changes" + says);
        }
        if (status == 402) {
            throw new SourceException(Reason.QUOTA, "the X account has no credits left (HTTP 402); add credits"
                    + " in X's developer console" + says);
        }
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
            if (!isRepost(tweet)) {
                posts.add(toPost(tweet, usernames));
            }
        }
        return posts;
    }

    /**
     * A repost carries the reposted text cut short; the query already excludes them, and this keeps
     * out any that come through. X names the field {@code referenced_tweets} or, newer,
     * {@code referenced_posts}.
     */
    private static boolean isRepost(JsonNode tweet) {
        for (String field : new String[] {"referenced_tweets", "referenced_posts"}) {
            for (JsonNode reference : tweet.path(field)) {
                if ("retweeted".equals(reference.path("type").asText()) || "reposted".equals(reference.path("type").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** X's usage cap comes as a 429 whose problem is {@code UsageCapExceeded}: no wait lifts it. */
    static boolean isUsageCap(Response response) {
        String body = response.body();
        return body != null && (body.contains("UsageCapExceeded") || body.contains("usage-capped"));
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
