package io.deepsentiment.hashtag.source;

import io.deepsentiment.hashtag.source.SourceException.Reason;
import java.net.URI;
import java.time.Duration;
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
     * What the sources need from the operator.
     *
     * @param xBaseUrl the X API, {@link XRecentSearchSource#DEFAULT_BASE_URL} in production
     * @param xBearerToken the X app's bearer token; null when not configured (X then fails with
     *     {@link Reason#UNAUTHORIZED} and the others still work)
     * @param mastodonInstance the one Mastodon instance queried
     * @param mastodonLanguage keep Mastodon posts in this language (and those without one); null for all
     * @param bluesky the account Bluesky searches are made with
     * @param http timeouts, retries and rate-limit waiting of every source
     */
    public record Config(URI xBaseUrl, String xBearerToken, URI mastodonInstance, String mastodonLanguage,
            Bluesky bluesky, HttpSettings http) {

        public static final String X_BEARER_TOKEN = "X_BEARER_TOKEN";
        public static final String X_API_URL = "X_API_URL";
        public static final String MASTODON_INSTANCE = "MASTODON_INSTANCE";
        public static final String MASTODON_LANGUAGE = "MASTODON_LANGUAGE";
        public static final String BLUESKY_SERVICE = "BLUESKY_SERVICE";
        public static final String BLUESKY_HANDLE = "BLUESKY_HANDLE";
        public static final String BLUESKY_APP_PASSWORD = "BLUESKY_APP_PASSWORD";
        public static final String BLUESKY_LANGUAGE = "BLUESKY_LANGUAGE";
        public static final String CONNECT_TIMEOUT = "SOURCE_CONNECT_TIMEOUT_SECONDS";
        public static final String REQUEST_TIMEOUT = "SOURCE_REQUEST_TIMEOUT_SECONDS";
        public static final String RATE_LIMIT_WAIT = "SOURCE_RATE_LIMIT_WAIT_SECONDS";

        public Config {
            Objects.requireNonNull(xBaseUrl, "xBaseUrl");
            Objects.requireNonNull(mastodonInstance, "mastodonInstance");
            Objects.requireNonNull(bluesky, "bluesky");
            Objects.requireNonNull(http, "http");
        }

        /** Production endpoints, English posts, {@link HttpSettings#DEFAULTS}, no X token, no Bluesky account. */
        public static Config defaults() {
            return new Config(XRecentSearchSource.DEFAULT_BASE_URL, null, MastodonTagSource.DEFAULT_INSTANCE,
                    "en", new Bluesky(BlueskySearchSource.DEFAULT_SERVICE, null, null, "en"), HttpSettings.DEFAULTS);
        }

        /**
         * From environment variables (pass {@code System.getenv()}), each optional: {@value #X_BEARER_TOKEN},
         * {@value #X_API_URL} (default https://api.x.com), {@value #MASTODON_INSTANCE} (default
         * https://mastodon.social), {@value #MASTODON_LANGUAGE} (default {@code en}, {@code any} for all),
         * {@value #BLUESKY_HANDLE} and {@value #BLUESKY_APP_PASSWORD} (both needed to turn Bluesky on),
         * {@value #BLUESKY_SERVICE} (the account's host, default https://bsky.social), {@value #BLUESKY_LANGUAGE}
         * (as for Mastodon),
         * {@value #CONNECT_TIMEOUT} and {@value #REQUEST_TIMEOUT} (default 10),
         * {@value #RATE_LIMIT_WAIT} (default 15; 0 never waits).
         *
         * @throws IllegalArgumentException naming the variable whose value is unusable
         */
        public static Config fromEnv(Map<String, String> env) {
            Config d = defaults();
            HttpSettings h = d.http();
            return new Config(
                    url(env, X_API_URL, d.xBaseUrl()),
                    value(env, X_BEARER_TOKEN),
                    url(env, MASTODON_INSTANCE, d.mastodonInstance()),
                    language(env, MASTODON_LANGUAGE, d.mastodonLanguage()),
                    new Bluesky(url(env, BLUESKY_SERVICE, d.bluesky().service()), value(env, BLUESKY_HANDLE),
                            value(env, BLUESKY_APP_PASSWORD), language(env, BLUESKY_LANGUAGE, d.bluesky().language())),
                    new HttpSettings(
                            seconds(env, CONNECT_TIMEOUT, h.connectTimeout()),
                            seconds(env, REQUEST_TIMEOUT, h.requestTimeout()),
                            h.maxAttempts(),
                            h.retryBaseDelay(),
                            seconds(env, RATE_LIMIT_WAIT, h.maxRateLimitWait())));
        }

        /** Like the record's, but secrets only as set or missing. */
        @Override
        public String toString() {
            return "Config[xBaseUrl=" + xBaseUrl + ", xBearerToken=" + secret(xBearerToken)
                    + ", mastodonInstance=" + mastodonInstance + ", mastodonLanguage=" + mastodonLanguage
                    + ", bluesky=" + bluesky + ", http=" + http + "]";
        }

        private static String language(Map<String, String> env, String name, String fallback) {
            String language = value(env, name);
            if (language == null) {
                return fallback;
            }
            return language.equalsIgnoreCase("any") || language.equals("*") ? null : language;
        }

        private static String value(Map<String, String> env, String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        private static URI url(Map<String, String> env, String name, URI fallback) {
            String value = value(env, name);
            if (value == null) {
                return fallback;
            }
            try {
                return SourceSupport.baseUrl(URI.create(value), name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        name + " must be an http(s) URL such as https://example.org, not '" + value + "'");
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

    /** X recent search, the Mastodon tag timeline of the configured instance and Bluesky's post search. */
    public static PostSources create(Config config) {
        Bluesky bluesky = config.bluesky();
        return new PostSources(List.of(
                new XRecentSearchSource(config.xBaseUrl(), config.xBearerToken(), config.http()),
                new MastodonTagSource(config.mastodonInstance(), config.mastodonLanguage(), config.http()),
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
