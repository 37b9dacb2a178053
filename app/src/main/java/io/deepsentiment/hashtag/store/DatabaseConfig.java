package io.deepsentiment.hashtag.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which database to use: a JDBC URL with the user and password kept apart from it, so that the URL
 * can be logged as it is. {@link #toString()} masks the password.
 *
 * @param jdbcUrl {@code jdbc:postgresql://...} or {@code jdbc:sqlite:FILE}, without credentials
 * @param user database user, or null (SQLite, or taken from the server's defaults)
 * @param password that user's password, or null
 * @param maxPoolSize most connections the pool opens (SQLite always uses one)
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int maxPoolSize) {

    /** The environment variable that selects PostgreSQL (Heroku and most platforms set it). */
    public static final String DATABASE_URL = "DATABASE_URL";
    /** Where the embedded database lives when no DATABASE_URL is set. */
    public static final Path DEFAULT_SQLITE_FILE = Path.of("data", "deepsentiment.db");
    /** Connections per instance: several instances share one server (Heroku's small plans allow 20). */
    public static final int DEFAULT_POOL_SIZE = 5;

    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/:@]*:)[^@]*@");
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;#]*");

    public DatabaseConfig {
        if (jdbcUrl == null || !(jdbcUrl.startsWith(SQLITE_PREFIX) || jdbcUrl.startsWith(POSTGRES_PREFIX))) {
            throw new IllegalArgumentException("unsupported database URL " + mask(jdbcUrl)
                    + " (expected postgres://, postgresql://, jdbc:postgresql: or jdbc:sqlite:)");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, got " + maxPoolSize);
        }
    }

    /**
     * PostgreSQL when {@code DATABASE_URL} is set in {@code env}, else the SQLite file
     * {@code defaultSqliteFile}.
     */
    public static DatabaseConfig fromEnvironment(Map<String, String> env, Path defaultSqliteFile) {
        String url = env.get(DATABASE_URL);
        return url == null || url.isBlank() ? sqlite(defaultSqliteFile) : parse(url);
    }

    /** The embedded database in this file (its folder is created when the database opens). */
    public static DatabaseConfig sqlite(Path file) {
        return new DatabaseConfig(SQLITE_PREFIX + file, null, null, 1);
    }

    /**
     * Reads a database URL: Heroku's {@code postgres://user:password@host:port/db?sslmode=require}
     * (also {@code postgresql://}), or a JDBC URL {@code jdbc:postgresql://host/db?user=u&password=p}
     * or {@code jdbc:sqlite:FILE}. Credentials move out of the URL into {@link #user()} and
     * {@link #password()}; other query parameters pass through unchanged.
     */
    public static DatabaseConfig parse(String url) {
        String trimmed = url == null ? "" : url.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith(SQLITE_PREFIX)) {
            String file = trimmed.substring(SQLITE_PREFIX.length());
            if (file.isEmpty() || file.contains(":memory:") || file.contains("mode=memory")) {
                throw new IllegalArgumentException("an in-memory SQLite database keeps nothing: give a file, such as "
                        + SQLITE_PREFIX + DEFAULT_SQLITE_FILE);
            }
            return new DatabaseConfig(SQLITE_PREFIX + file, null, null, 1);
        }
        if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
            return fromPlatformUrl(trimmed);
        }
        if (lower.startsWith(POSTGRES_PREFIX)) {
            return withQueryCredentials(POSTGRES_PREFIX + trimmed.substring(POSTGRES_PREFIX.length()), null, null);
        }
        throw new IllegalArgumentException("unsupported database URL " + mask(trimmed)
                + " (expected postgres://, postgresql://, jdbc:postgresql: or jdbc:sqlite:)");
    }

    public boolean isSqlite() {
        return jdbcUrl.startsWith(SQLITE_PREFIX);
    }

    /** The SQLite database file, when this is a plain file URL (not {@code file:} URI syntax). */
    public Optional<Path> sqliteFile() {
        if (!isSqlite()) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring(SQLITE_PREFIX.length());
        int query = rest.indexOf('?');
        String file = query < 0 ? rest : rest.substring(0, query);
        return file.startsWith("file:") ? Optional.empty() : Optional.of(Path.of(file));
    }

    public DatabaseConfig withMaxPoolSize(int connections) {
        return new DatabaseConfig(jdbcUrl, user, password, isSqlite() ? 1 : connections);
    }

    /** The URL and the user; never the password. */
    @Override
    public String toString() {
        return mask(jdbcUrl) + (user == null ? "" : " as " + user) + (password == null ? "" : " (password ***)");
    }

    /** Replaces any password inside a database URL by {@code ***}, for logs and error messages. */
    public static String mask(String url) {
        if (url == null) {
            return "null";
        }
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1***@");
        return QUERY_PASSWORD.matcher(masked).replaceAll("$1***");
    }

    private static DatabaseConfig fromPlatformUrl(String url) {
        String rest = url.substring(url.indexOf("://") + 3);
        int pathStart = indexOfAny(rest, "/?");
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String tail = pathStart < 0 ? "/" : rest.substring(pathStart);
        if (tail.startsWith("?")) {
            tail = "/" + tail;
        }
        String user = null;
        String password = null;
        int userEnd = authority.lastIndexOf('@');
        String hostPort = authority;
        if (userEnd >= 0) {
            String userInfo = authority.substring(0, userEnd);
            hostPort = authority.substring(userEnd + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        if (hostPort.isEmpty()) {
            throw new IllegalArgumentException("database URL without a host: " + mask(url));
        }
        return withQueryCredentials(POSTGRES_PREFIX + "//" + hostPort + tail, emptyToNull(user),
                emptyToNull(password));
    }

    /** Moves {@code user=} and {@code password=} query parameters of a JDBC URL into the fields. */
    private static DatabaseConfig withQueryCredentials(String url, String user, String password) {
        int query = url.indexOf('?');
        if (query < 0) {
            return new DatabaseConfig(url, user, password, DEFAULT_POOL_SIZE);
        }
        List<String> kept = new ArrayList<>();
        for (String parameter : url.substring(query + 1).split("&")) {
            String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
            String value = parameter.contains("=") ? decode(parameter.substring(parameter.indexOf('=') + 1)) : "";
            if (name.equalsIgnoreCase("user")) {
                user = value;
            } else if (name.equalsIgnoreCase("password")) {
                password = value;
            } else if (!parameter.isEmpty()) {
                kept.add(parameter);
            }
        }
        String base = url.substring(0, query);
        return new DatabaseConfig(kept.isEmpty() ? base : base + "?" + String.join("&", kept), emptyToNull(user),
                emptyToNull(password), DEFAULT_POOL_SIZE);
    }

    /** Percent-decoding as in URLs ('+' stays '+', unlike form decoding). */
    private static String decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
