package io.deepsentiment.hashtag.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepsentiment.hashtag.source.SourceException.Reason;
import io.deepsentiment.hashtag.source.SourceHttp.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public posts with a hashtag from the tag timeline of one Mastodon instance
 * ({@code GET /api/v1/timelines/tag/:hashtag}, no sign-in), newest first, boosts skipped. Only the
 * instance given by the operator is ever queried: pagination builds its own URLs and takes no more
 * than the {@code max_id} from a {@code Link} header, and only from one that points to that instance.
 */
public final class MastodonTagSource implements PostSource {

    public static final String NAME = "mastodon";
    public static final URI DEFAULT_INSTANCE = URI.create("https://mastodon.social");

    /** The largest page Mastodon serves. */
    static final int PAGE_SIZE = 40;

    private static final Logger LOG = LoggerFactory.getLogger(MastodonTagSource.class);
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
    private static final Pattern REL_NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");
    private static final Pattern STATUS_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final URI instance;
    private final String accessToken;
    private final String language;
    private final String label;
    private final SourceHttp http;

    /**
     * @param instance the instance to query, such as {@link #DEFAULT_INSTANCE}
     * @param language keep only posts in this language (ISO 639-1, such as {@code en}) and posts whose
     *     language is not set; null or blank keeps every language
     */
    public MastodonTagSource(URI instance, String language, HttpSettings settings) {
        this(instance, null, language, settings);
    }

    /**
     * @param accessToken a token of an account on the instance, for an instance that shows hashtag
     *     timelines only to signed-in users; null or blank asks anonymously
     */
    public MastodonTagSource(URI instance, String accessToken, String language, HttpSettings settings) {
        this.instance = SourceSupport.baseUrl(instance, "the Mastodon instance URL");
        this.accessToken = accessToken == null || accessToken.isBlank() ? null : accessToken.strip();
        this.language = language == null || language.isBlank() ? null : language.strip().toLowerCase(Locale.ROOT);
        this.label = "Mastodon (" + this.instance.getHost() + ")";
        this.http = new SourceHttp(label, settings, MastodonTagSource::rateLimitReset);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The configured instance, without a trailing slash. */
    public URI instance() {
        return instance;
    }

    @Override
    public List<Post> fetch(String hashtag, int limit, IntConsumer fetchedSoFar) {
        return fetch(new PostQuery(hashtag, limit, null), fetchedSoFar, note -> LOG.warn("{}: {}", label, note));
    }

    /** Pages back from the newest status until {@code limit} posts or the first one not after {@code since}. */
    @Override
    public List<Post> fetch(PostQuery query, IntConsumer fetchedSoFar, Consumer<String> notes) {
        String hashtag = query.hashtag();
        int limit = query.limit();
        SourceSupport.checkRequest(hashtag, limit);
        List<Post> posts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // boosts and other languages are skipped, so a few more pages than limit / 40 may be needed
        int maxPages = 3 * ((limit + PAGE_SIZE - 1) / PAGE_SIZE) + 2;
        String maxId = null;
        for (int page = 0; page < maxPages && posts.size() < limit; page++) {
            Response response = http.get(pageUri(hashtag, maxId),
                    accessToken == null ? Map.of() : Map.of("Authorization", "Bearer " + accessToken));
            JsonNode statuses = SourceSupport.readJson(checkStatus(response), label);
            if (!statuses.isArray()) {
                throw new SourceException(Reason.MALFORMED, label + " sent a timeline that is not a JSON list");
            }
            if (statuses.isEmpty()) {
                break;
            }
            String lastId = null;
            boolean reachedSince = false;
            for (JsonNode status : statuses) {
                if (!status.isObject()) {
                    throw new SourceException(Reason.MALFORMED, label + " sent a status that is not a JSON object");
                }
                lastId = SourceSupport.requiredText(status, "id", label, "a status");
                if (posts.size() < limit && wanted(status) && seen.add(lastId)) {
                    Post post = toPost(status, lastId);
                    if (query.wants(post.createdAt())) {
                        posts.add(post);
                    } else {
                        reachedSince = true;
                    }
                }
            }
            fetchedSoFar.accept(posts.size());
            if (reachedSince) {
                break;
            }
            if (posts.size() < limit && rateLimitSpent(response.headers())) {
                LOG.warn("{}: rate limit spent (X-RateLimit-Remaining 0); #{} keeps the {} posts read so far",
                        label, hashtag, posts.size());
                break;
            }
            String next = nextMaxId(response.headers(), hashtag, lastId);
            if (next == null || next.equals(maxId)) {
                break;
            }
            maxId = next;
        }
        return posts;
    }

    private URI pageUri(String hashtag, String maxId) {
        String uri = tagPath(hashtag) + "?limit=" + PAGE_SIZE;
        if (maxId != null) {
            uri += "&max_id=" + URLEncoder.encode(maxId, StandardCharsets.UTF_8);
        }
        return URI.create(uri);
    }

    private String tagPath(String hashtag) {
        return instance + "/api/v1/timelines/tag/" + URLEncoder.encode(hashtag, StandardCharsets.UTF_8);
    }

    private String checkStatus(Response response) {
        int status = response.status();
        if (status == 200) {
            return response.body();
        }
        String detail = SourceSupport.errorDetail(response.body());
        String says = detail.isEmpty() ? "" : " (the instance says: " + detail + ")";
        if (status == 401 || status == 403) {
            String fix = accessToken == null
                    ? "give it an access token in MASTODON_TOKENS or remove it from MASTODON_INSTANCES"
                    : "the access token in MASTODON_TOKENS was refused; check it";
            throw new SourceException(Reason.UNAUTHORIZED, label
                    + " shows its hashtag timelines only to signed-in users (HTTP " + status + "); " + fix + says);
        }
        if (status == 404 || status == 410) {
            throw new SourceException(Reason.UNAVAILABLE, label
                    + " has no hashtag timeline API (HTTP " + status + "); check the configured instance" + says);
        }
        if (status >= 400) {
            throw new SourceException(Reason.REJECTED, label + " rejected the request (HTTP " + status + ")" + says);
        }
        throw new SourceException(Reason.MALFORMED, label + " answered HTTP " + status + " instead of a timeline");
    }

    /** Boosts are skipped (the boosted post appears in the timeline on its own); so are other languages. */
    private boolean wanted(JsonNode status) {
        JsonNode reblog = status.get("reblog");
        if (reblog != null && !reblog.isNull()) {
            return false;
        }
        if (language == null) {
            return true;
        }
        String lang = SourceSupport.optionalText(status, "language");
        if (lang == null || lang.isBlank()) {
            return true;
        }
        String primary = lang.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return primary.equals(language);
    }

    private Post toPost(JsonNode status, String id) {
        Instant createdAt = SourceSupport.requiredInstant(status, "created_at", label, "a status");
        JsonNode account = status.get("account");
        if (account == null || !account.isObject()) {
            throw new SourceException(Reason.MALFORMED, label + " sent a status without \"account\"");
        }
        String acct = SourceSupport.requiredText(account, "acct", label, "an account");
        String url = SourceSupport.optionalText(status, "url");
        if (url == null || url.isBlank()) {
            url = SourceSupport.requiredText(status, "uri", label, "a status");
        }
        String content = SourceSupport.optionalText(status, "content");
        return new Post(id, HtmlText.toPlainText(content), "@" + acct, url, createdAt);
    }

    /**
     * The {@code max_id} of the next page: from the {@code Link} header's rel="next" when it points to
     * this instance's tag timeline, else the id of the page's last status. A link to anywhere else is
     * ignored, never followed.
     */
    private String nextMaxId(HttpHeaders headers, String hashtag, String lastId) {
        URI expected = URI.create(tagPath(hashtag));
        for (String header : headers.allValues("Link")) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                Matcher rel = REL_NEXT.matcher(link.group(2));
                if (!rel.find() || !List.of(rel.group(1).trim().split("\\s+")).contains("next")) {
                    continue;
                }
                URI next;
                try {
                    next = URI.create(link.group(1).trim());
                } catch (IllegalArgumentException e) {
                    LOG.warn("{} sent an unreadable Link header; paging by the last status", label);
                    continue;
                }
                if (!sameEndpoint(next, expected)) {
                    LOG.warn("{} sent a Link to {} instead of {}; not followed, paging by the last status",
                            label, next.getHost(), expected.getHost());
                    continue;
                }
                String maxId = queryParam(next, "max_id");
                if (maxId != null && STATUS_ID.matcher(maxId).matches()) {
                    return maxId;
                }
            }
        }
        return lastId;
    }

    private static boolean sameEndpoint(URI link, URI expected) {
        return expected.getScheme().equalsIgnoreCase(String.valueOf(link.getScheme()))
                && expected.getHost().equalsIgnoreCase(String.valueOf(link.getHost()))
                && port(expected) == port(link)
                && expected.getRawPath().equals(link.getRawPath());
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String queryParam(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** {@code X-RateLimit-Remaining: 0}: one more page would be refused with 429 until the reset. */
    private static boolean rateLimitSpent(HttpHeaders headers) {
        return headers.firstValue("X-RateLimit-Remaining").map(String::strip).filter("0"::equals).isPresent();
    }

    /** {@code X-RateLimit-Reset}: an ISO-8601 timestamp on Mastodon. */
    static Instant rateLimitReset(HttpHeaders headers) {
        return headers.firstValue("X-RateLimit-Reset").map(SourceSupport::parseInstant).orElse(null);
    }

    /** How messages name this server, such as {@code Mastodon (mastodon.social)}. */
    String label() {
        return label;
    }

    @Override
    public String toString() {
        return "MastodonTagSource[" + instance + (language == null ? "" : ", language " + language) + "]";
    }
}
