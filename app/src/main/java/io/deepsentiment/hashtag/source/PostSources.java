package io.deepsentiment.hashtag.source;

import io.deepsentiment.hashtag.source.SourceException.Reason;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sources users may choose by name ({@code x}, {@code mastodon}, {@code bluesky}), each built once from the
 * operator's configuration. Users only ever pick a name: every URL fetched comes from {@link Config}.
 */
public final class PostSources {

    /**
     * What the sources need from the operator, read from the environment ({@link #fromEnv}).
     *
     * @param x the X API and what reading it may cost
     * @param mastodon the Mastodon servers queried
     * @param bluesky the account Bluesky searches are made with
     * @param http timeouts, retries and rate-limit waiting of every source
     */
    public record Config(X x, Mastodon mastodon, Bluesky bluesky, HttpSettings http) {

        public static final String X_BEARER_TOKEN = "X_BEARER_TOKEN";
        public static final String X_API_URL = "X_API_URL";
        public static final String X_MAX_POSTS_PER_ANALYSIS = "X_MAX_POSTS_PER_ANALYSIS";
        public static final String X_MAX_POSTS_PER_DAY = "X_MAX_POSTS_PER_DAY";
        public static final String MASTODON_INSTANCES = "MASTODON_INSTANCES";
        public static final String MASTODON_INSTANCE = "MASTODON_INSTANCE";
        public static final String MASTODON_TOKENS = "MASTODON_TOKENS";
        public static final String MASTODON_LANGUAGE = "MASTODON_LANGUAGE";
        public static final String BLUESKY_SERVICE = "BLUESKY_SERVICE";
        public static final String BLUESKY_HANDLE = "BLUESKY_HANDLE";
        public static final String BLUESKY_APP_PASSWORD = "BLUESKY_APP_PASSWORD";
        public static final String BLUESKY_LANGUAGE = "BLUESKY_LANGUAGE";
        public static final String CONNECT_TIMEOUT = "SOURCE_CONNECT_TIMEOUT_SECONDS";
        public static final String REQUEST_TIMEOUT = "SOURCE_REQUEST_TIMEOUT_SECONDS";
        public static final String RATE_LIMIT_WAIT = "SOURCE_RATE_LIMIT_WAIT_SECONDS";

        public Config {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(mastodon, "mastodon");
            Objects.requireNonNull(bluesky, "bluesky");
            Objects.requireNonNull(http, "http");
        }

        /** Production endpoints, English posts, {@link HttpSettings#DEFAULTS}, no X token, no Bluesky account. */
        public static Config defaults() {
            return new Config(
                    new X(XRecentSearchSource.DEFAULT_BASE_URL, null,
                            XRecentSearchSource.Spending.DEFAULT_PER_ANALYSIS, XRecentSearchSource.Spending.DEFAULT_PER_DAY),
                    new Mastodon(List.of(MastodonTagSource.DEFAULT_INSTANCE), Map.of(), "en"),
                    new Bluesky(BlueskySearchSource.DEFAULT_SERVICE, null, null, "en"),
                    HttpSettings.DEFAULTS);
        }

        /**
         * From environment variables (pass {@code System.getenv()}), each optional:
         * <ul>
         *   <li>{@value #X_BEARER_TOKEN} (X is off without it), {@value #X_API_URL} (default https://api.x.com),
         *       {@value #X_MAX_POSTS_PER_ANALYSIS} (default 100) and {@value #X_MAX_POSTS_PER_DAY} (default 1000);
         *   <li>{@value #MASTODON_INSTANCES}, comma-separated server URLs (or {@value #MASTODON_INSTANCE}, one;
         *       default https://mastodon.social), {@value #MASTODON_TOKENS}, {@code host=token} pairs,
         *       comma-separated, for servers that want sign-in, {@value #MASTODON_LANGUAGE} (default {@code en},
         *       {@code any} for all);
         *   <li>{@value #BLUESKY_HANDLE} and {@value #BLUESKY_APP_PASSWORD} (both needed to turn Bluesky on),
         *       {@value #BLUESKY_SERVICE} (the account's host, default https://bsky.social),
         *       {@value #BLUESKY_LANGUAGE} (as for Mastodon);
         *   <li>{@value #CONNECT_TIMEOUT} and {@value #REQUEST_TIMEOUT} (default 10),
         *       {@value #RATE_LIMIT_WAIT} (default 15; 0 never waits).
         * </ul>
         *
         * @throws IllegalArgumentException naming the variable whose value is unusable
         */
        public static Config fromEnv(Map<String, String> env) {
            Config d = defaults();
            HttpSettings h = d.http();
            return new Config(
                    new X(url(env, X_API_URL, d.x().baseUrl()), value(env, X_BEARER_TOKEN),
                            count(env, X_MAX_POSTS_PER_ANALYSIS, d.x().maxPostsPerAnalysis()),
                            count(env, X_MAX_POSTS_PER_DAY, d.x().maxPostsPerDay())),
                    new Mastodon(instances(env, d.mastodon().instances()), tokens(env),
                            language(env, MASTODON_LANGUAGE, d.mastodon().language())),
                    new Bluesky(url(env, BLUESKY_SERVICE, d.bluesky().service()), value(env, BLUESKY_HANDLE),
                            value(env, BLUESKY_APP_PASSWORD), language(env, BLUESKY_LANGUAGE, d.bluesky().language())),
                    new HttpSettings(
                            seconds(env, CONNECT_TIMEOUT, h.connectTimeout()),
                            seconds(env, REQUEST_TIMEOUT, h.requestTimeout()),
                            h.maxAttempts(),
                            h.retryBaseDelay(),
                            seconds(env, RATE_LIMIT_WAIT, h.maxRateLimitWait())));
        }

        private static String language(Map<String, String> env, String name, String fallback) {
            String language = value(env, name);
            if (language == null) {
                return fallback;
            }
            return language.equalsIgnoreCase("any") || language.equals("*") ? null : language;
        }

        private static List<URI> instances(Map<String, String> env, List<URI> fallback) {
            String list = value(env, MASTODON_INSTANCES);
            if (list == null) {
                String one = value(env, MASTODON_INSTANCE);
                return one == null ? fallback : List.of(url(env, MASTODON_INSTANCE, null));
            }
            List<URI> instances = new ArrayList<>();
            for (String item : list.split(",")) {
                if (!item.isBlank()) {
                    URI instance = parseUrl(MASTODON_INSTANCES, item.strip());
                    if (!instances.contains(instance)) {
                        instances.add(instance);
                    }
                }
            }
            if (instances.isEmpty()) {
                throw new IllegalArgumentException(MASTODON_INSTANCES + " lists no server; give URLs such as "
                        + "https://mastodon.social,https://fosstodon.org");
            }
            return instances;
        }

        private static Map<String, String> tokens(Map<String, String> env) {
            String list = value(env, MASTODON_TOKENS);
            Map<String, String> tokens = new LinkedHashMap<>();
            if (list == null) {
                return tokens;
            }
            for (String item : list.split(",")) {
                if (item.isBlank()) {
                    continue;
                }
                int eq = item.indexOf('=');
                String host = eq < 0 ? "" : item.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String token = eq < 0 ? "" : item.substring(eq + 1).strip();
                if (host.isEmpty() || token.isEmpty()) {
                    // never echo the value: it holds tokens
                    throw new IllegalArgumentException(MASTODON_TOKENS
                            + " must be host=token pairs separated by commas, such as mastodon.social=abc123");
                }
                tokens.put(host, token);
            }
            return tokens;
        }

        private static String value(Map<String, String> env, String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        private static URI url(Map<String, String> env, String name, URI fallback) {
            String value = value(env, name);
            return value == null ? fallback : parseUrl(name, value);
        }

        private static URI parseUrl(String name, String value) {
            try {
                return SourceSupport.baseUrl(URI.create(value), name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        name + " must be an http(s) URL such as https://example.org, not '" + value + "'");
            }
        }

        private static int count(Map<String, String> env, String name, int fallback) {
            String value = value(env, name);
            if (value == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
            }
        }

        private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
            String value = value(env, name);
            if (value == null) {
                return fallback;
            }
            try {
                double seconds = Double.parseDouble(value);
                if (seconds >= 0 && seconds <= 3600) {
                    return Duration.ofMillis(Math.round(seconds * 1000));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be a number of seconds (0 to 3600), not '" + value + "'");
        }
    }

    /**
     * The X API.
     *
     * @param baseUrl the API, {@link XRecentSearchSource#DEFAULT_BASE_URL} in production
     * @param bearerToken the X app's bearer token; null when not configured (X then fails with
     *     {@link Reason#UNAUTHORIZED} and the others still work)
     * @param maxPostsPerAnalysis posts one analysis may read
     * @param maxPostsPerDay posts all instances together may read on a day (UTC)
     */
    public record X(URI baseUrl, String bearerToken, int maxPostsPerAnalysis, int maxPostsPerDay) {

        public X {
            Objects.requireNonNull(baseUrl, "baseUrl");
        }

        /** Like the record's, but the token only as set or missing. */
        @Override
        public String toString() {
            return "X[baseUrl=" + baseUrl + ", bearerToken=" + secret(bearerToken) + ", maxPostsPerAnalysis="
                    + maxPostsPerAnalysis + ", maxPostsPerDay=" + maxPostsPerDay + "]";
        }
    }

    /**
     * The Mastodon servers one analysis queries.
     *
     * @param instances the servers, at least one
     * @param tokens access tokens by server host, for servers that show hashtag timelines only to signed-in users
     * @param language keep posts in this language (and those without one); null for all
     */
    public record Mastodon(List<URI> instances, Map<String, String> tokens, String language) {

        public Mastodon {
            instances = List.copyOf(instances);
            tokens = Map.copyOf(tokens);
            if (instances.isEmpty()) {
                throw new IllegalArgumentException("at least one Mastodon server is needed");
            }
        }

        /** Like the record's, but the tokens only by host. */
        @Override
        public String toString() {
            return "Mastodon[instances=" + instances + ", tokens for " + tokens.keySet().stream().sorted().toList()
                    + ", language=" + language + "]";
        }
    }

    /**
     * The Bluesky account searches are made with.
     *
     * @param service the account's host (its PDS, or the entryway https://bsky.social)
     * @param handle the account's handle; null when not configured
     * @param appPassword an app password of the account; null when not configured
     * @param language keep posts in this language (and those without one); null for all
     */
    public record Bluesky(URI service, String handle, String appPassword, String language) {

        public Bluesky {
            Objects.requireNonNull(service, "service");
        }

        /** Like the record's, but the app password only as set or missing. */
        @Override
        public String toString() {
            return "Bluesky[service=" + service + ", handle=" + handle + ", appPassword=" + secret(appPassword)
                    + ", language=" + language + "]";
        }
    }

    private static String secret(String value) {
        return value != null && !value.isBlank() ? "(set)" : "(missing)";
    }

    private final Map<String, PostSource> byName = new LinkedHashMap<>();

    /** These sources, chosen by their {@link PostSource#name()} (tests may pass fakes). */
    public PostSources(List<? extends PostSource> sources) {
        for (PostSource source : sources) {
            String name = source.name().toLowerCase(Locale.ROOT);
            if (byName.putIfAbsent(name, source) != null) {
                throw new IllegalArgumentException("two sources are named " + name);
            }
        }
    }

    /**
     * X recent search (reading counted in {@code budget}), the Mastodon tag timelines of the configured
     * servers, merged, and Bluesky's post search.
     */
    public static PostSources create(Config config, PostBudget budget) {
        X x = config.x();
        Mastodon mastodon = config.mastodon();
        Bluesky bluesky = config.bluesky();
        List<MastodonTagSource> servers = new ArrayList<>();
        for (URI instance : mastodon.instances()) {
            servers.add(new MastodonTagSource(instance, mastodon.tokens().get(instance.getHost().toLowerCase(Locale.ROOT)),
                    mastodon.language(), config.http()));
        }
        return new PostSources(List.of(
                new XRecentSearchSource(x.baseUrl(), x.bearerToken(),
                        new XRecentSearchSource.Spending(x.maxPostsPerAnalysis(), x.maxPostsPerDay(), budget), config.http()),
                new MastodonServersSource(servers),
                new BlueskySearchSource(bluesky.service(), bluesky.handle(), bluesky.appPassword(), bluesky.language(),
                        config.http())));
    }

    /** The names users may choose, in order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Optional<PostSource> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The source of that name; {@link Reason#REJECTED} with the valid names otherwise. */
    public PostSource get(String name) {
        return find(name).orElseThrow(() -> new SourceException(Reason.REJECTED,
                "unknown source '" + SourceSupport.clip(String.valueOf(name), 40) + "'; choose " + choices()));
    }

    /** "x, mastodon or bluesky". */
    private String choices() {
        List<String> names = names();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
