package io.deepsentiment.serve;

/**
 * The address a request came from, for the per-client rate limit. Behind {@code trustedProxies}
 * load balancers, each appends the address it received the request from to
 * {@code X-Forwarded-For}; the entries to the left of those are written by the client and prove
 * nothing (a client that rotates them must not get a fresh limit). So the client is the entry the
 * outermost trusted proxy appended: counted from the right, past the other trusted proxies.
 */
final class ClientAddress {

    private ClientAddress() {}

    /** The client of a request, behind {@code trustedProxies} proxies. */
    static String of(io.javalin.http.Context ctx, int trustedProxies) {
        return of(ctx.ip(), ctx.header("X-Forwarded-For"), trustedProxies);
    }

    /**
     * @param remote the address of the connection (the nearest proxy, when there is one)
     * @param forwardedFor the {@code X-Forwarded-For} header, or null
     * @param trustedProxies how many proxies in front of the service append to the header (0: none, ignore it)
     */
    static String of(String remote, String forwardedFor, int trustedProxies) {
        if (trustedProxies <= 0 || forwardedFor == null || forwardedFor.isBlank()) {
            return remote;
        }
        String[] entries = forwardedFor.split(",", -1);
        // entries[n - 1] was appended by the proxy nearest to us, entries[n - trustedProxies] by the outermost
        int index = entries.length - trustedProxies;
        String address = entries[Math.max(0, index)].strip();
        return address.isEmpty() ? remote : address;
    }
}
