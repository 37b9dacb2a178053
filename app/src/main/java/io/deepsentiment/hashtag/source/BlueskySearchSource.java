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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

/**
 * The latest posts with a hashtag from Bluesky's post search ({@code app.bsky.feed.searchPosts} with
 * {@code tag} and {@code sort=latest}), following {@code cursor}. Bluesky's public AppView refuses
 * anonymous searches, so the calls go through the operator's account host with a signed-in session
 * ({@link BlueskySession}): off until BLUESKY_HANDLE and BLUESKY_APP_PASSWORD are set.
 */
public final class BlueskySearchSource implements PostSource {

    public static final String NAME = "bluesky";
    public static final URI DEFAULT_SERVICE = URI.create("https://bsky.social");

    /** The largest page searchPosts serves. */
    static final int PAGE_SIZE = 100;

    private static final String LABEL = "Bluesky";
    private static final Pattern RECORD_KEY = Pattern.compile("[A-Za-z0-9._:~-]{1,512}");
    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9.-]{1,253}");
    private static final Pattern DID = Pattern.compile("did:[a-z]+:[A-Za-z0-9._:%-]{1,2000}");

    private final URI service;
    private final String language;
    private final SourceHttp http;
    private final BlueskySession session;

    /**
     * @param service the account's host, {@link #DEFAULT_SERVICE} for accounts on bsky.social
     * @param handle the account's handle; null or blank turns the source off
     * @param appPassword an app password of that account; null or blank turns the source off
     * @param language keep posts in this language (and those without one); null or blank keeps all
     */
    public BlueskySearchSource(URI service, String handle, String appPassword, String language, HttpSettings settings) {
        this.service = SourceSupport.baseUrl(service, "the Bluesky service URL");
        this.language = language == null || language.isBlank() ? null : language.strip().toLowerCase(Locale.ROOT);
        this.http = new SourceHttp(LABEL, settings, BlueskySearchSource::rateLimitReset);
        boolean configured = handle != null && !handle.isBlank() && appPassword != null && !appPassword.isBlank();
        this.session = configured
                ? new BlueskySession(this.service, handle.strip(), appPassword.strip(), http, settings.clock())
                : null;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Whether an account is configured (fetching without one fails). */
    public boolean isConfigured() {
        return session != null;
    }

    @Override
    public boolean isEnabled() {
        return isConfigured();
    }

    @Override
    public String setup() {
        return "Bluesky's search needs an account: set BLUESKY_HANDLE and BLUESKY_APP_PASSWORD (an app password"
                + " made in Bluesky's settings), and BLUESKY_SERVICE when the account is not on bsky.social";
    }

    /** How many times this source signed in with the app password. */
    int signIns() {
        return session == null ? 0 : session.signIns();
    }

    @Override
    public List<Post> fetch(String hashtag, int limit, IntConsumer fetchedSoFar) {
        return fetch(new PostQuery(hashtag, limit, null), fetchedSoFar, note -> { });
    }

    @Override
    public List<Post> fetch(PostQuery query, IntConsumer fetchedSoFar, java.util.function.Consumer<String> notes) {
        String hashtag = query.hashtag();
        int limit = query.limit();
        SourceSupport.checkRequest(hashtag, limit);
        if (session == null) {
            throw new SourceException(Reason.UNAUTHORIZED, "Bluesky is not configured: the operator must set"
                    + " BLUESKY_HANDLE and BLUESKY_APP_PASSWORD (an app password from Bluesky's settings)");
        }
        List<Post> posts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        while (posts.size() < limit) {
            JsonNode root = SourceSupport.readJson(checkStatus(search(hashtag, query.since(), cursor)), LABEL);
            JsonNode page = root.path("posts");
            if (!root.isObject() || !page.isArray()) {
                throw new SourceException(Reason.MALFORMED, LABEL + " sent search results without a \"posts\" list");
            }
            for (JsonNode view : page) {
                Post post = toPost(view);
                if (post != null && posts.size() < limit && query.wants(post.createdAt()) && seen.add(post.id())) {
                    posts.add(post);
                }
            }
            fetchedSoFar.accept(posts.size());
            String next = SourceSupport.optionalText(root, "cursor");
            if (page.isEmpty() || next == null || next.isEmpty() || next.equals(cursor)) {
                break;
            }
            cursor = next;
        }
        return posts;
    }

    /** One page; a token the host refuses as expired is renewed and the page asked for once more. */
    private Response search(String hashtag, Instant since, String cursor) {
        URI uri = searchUri(hashtag, since, cursor);
        String token = session.accessToken();
        Response response = http.get(uri, Map.of("Authorization", "Bearer " + token));
        if (tokenRefused(response)) {
            session.refused(token);
            response = http.get(uri, Map.of("Authorization", "Bearer " + session.accessToken()));
        }
        return response;
    }

    private static boolean tokenRefused(Response response) {
        String error = BlueskySession.errorName(response.body());
        return (response.status() == 400 || response.status() == 401)
                && (error.equals("ExpiredToken") || error.equals("InvalidToken"));
    }

    private URI searchUri(String hashtag, Instant since, String cursor) {
        StringBuilder uri = new StringBuilder(service.toString())
                .append("/xrpc/app.bsky.feed.searchPosts?q=").append(encode("#" + hashtag))
                .append("&tag=").append(encode(hashtag))
                .append("&sort=latest&limit=").append(PAGE_SIZE);
        if (language != null) {
            uri.append("&lang=").append(encode(language));
        }
        if (since != null) {
            uri.append("&since=").append(encode(since.toString()));
        }
        if (cursor != null) {
            uri.append("&cursor=").append(encode(cursor));
        }
        return URI.create(uri.toString());
    }

    private String checkStatus(Response response) {
        int status = response.status();
        if (status == 200) {
            return response.body();
        }
        String detail = SourceSupport.errorDetail(response.body());
        String says = detail.isEmpty() ? "" : " (Bluesky says: " + detail + ")";
        if (status == 401 || status == 403) {
            throw new SourceException(Reason.UNAUTHORIZED, "Bluesky refused the search (HTTP " + status
                    + "); check BLUESKY_HANDLE, BLUESKY_APP_PASSWORD and BLUESKY_SERVICE" + says);
        }
        if (status >= 400) {
            throw new SourceException(Reason.REJECTED, "Bluesky rejected the search (HTTP " + status + ")" + says);
        }
        throw new SourceException(Reason.MALFORMED, "Bluesky answered HTTP " + status + " instead of search results");
    }

    /** A post view as a {@link Post}; null for one in another language. */
    private Post toPost(JsonNode view) {
        if (!view.isObject()) {
            throw new SourceException(Reason.MALFORMED, LABEL + " sent a post that is not a JSON object");
        }
        String uri = SourceSupport.requiredText(view, "uri", LABEL, "a post");
        JsonNode record = view.path("record");
        JsonNode author = view.path("author");
        if (!record.isObject() || !author.isObject()) {
            throw new SourceException(Reason.MALFORMED, LABEL + " sent a post without its record or author");
        }
        if (!wanted(record)) {
            return null;
        }
        String did = SourceSupport.requiredText(author, "did", LABEL, "an author");
        String handle = SourceSupport.optionalText(author, "handle");
        String text = SourceSupport.optionalText(record, "text");
        Instant createdAt = SourceSupport.parseInstant(SourceSupport.optionalText(record, "createdAt"));
        if (createdAt == null) {
            createdAt = SourceSupport.requiredInstant(view, "indexedAt", LABEL, "a post");
        }
        boolean validHandle = handle != null && HANDLE.matcher(handle).matches() && !handle.equals("handle.invalid");
        return new Post(uri, text == null ? "" : text, "@" + (validHandle ? handle : did),
                webUrl(uri, validHandle ? handle : did), createdAt);
    }

    /** Posts in other languages are skipped; posts that name none are kept. */
    private boolean wanted(JsonNode record) {
        JsonNode langs = record.path("langs");
        if (language == null || !langs.isArray() || langs.isEmpty()) {
            return true;
        }
        for (JsonNode lang : langs) {
            if (lang.isTextual() && lang.asText().strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0].equals(language)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The post on bsky.app, {@code https://bsky.app/profile/{handle}/post/{rkey}}, from its AT URI
     * {@code at://{did}/app.bsky.feed.post/{rkey}}; the AT URI itself when it has another shape.
     */
    public static String webUrl(String atUri, String profile) {
        String prefix = "at://";
        if (atUri.startsWith(prefix)) {
            String[] parts = atUri.substring(prefix.length()).split("/");
            boolean profileOk = HANDLE.matcher(profile).matches() || DID.matcher(profile).matches();
            if (parts.length == 3 && parts[1].equals("app.bsky.feed.post") && RECORD_KEY.matcher(parts[2]).matches()
                    && profileOk) {
                return "https://bsky.app/profile/" + profile + "/post/" + parts[2];
            }
        }
        return atUri;
    }

    /** {@code ratelimit-reset}: seconds since the epoch on Bluesky. */
    static Instant rateLimitReset(HttpHeaders headers) {
        try {
            return headers.firstValue("ratelimit-reset").map(s -> Instant.ofEpochSecond(Long.parseLong(s.trim())))
                    .orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "BlueskySearchSource[" + service + (session == null ? ", not configured" : "")
                + (language == null ? "" : ", language " + language) + "]";
    }
}
