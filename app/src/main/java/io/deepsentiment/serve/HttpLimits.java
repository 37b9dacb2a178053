package io.deepsentiment.serve;

import java.time.Duration;

/**
 * Jetty's limits, set explicitly so that no client can hold the server: how long a connection may
 * stay silent, how large the request headers may be, how many threads serve requests, how many
 * connections are open at once, and how slowly a request body may arrive.
 *
 * @param idleTimeout a connection with nothing read or written for this long is closed
 * @param maxHeaderBytes request line and headers together; beyond, 431
 * @param maxThreads the request threads (event streams hold none while they wait)
 * @param maxConnections beyond this many open connections new ones wait in the accept queue until
 *     one closes (idle ones close after {@code idleTimeout})
 * @param minRequestBytesPerSecond a request body arriving slower than this is cut off (408), so a
 *     trickling client does not keep a thread
 */
public record HttpLimits(Duration idleTimeout, int maxHeaderBytes, int maxThreads, int maxConnections,
        long minRequestBytesPerSecond) {

    public HttpLimits {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || maxHeaderBytes < 1024 || maxThreads < 8
                || maxConnections < 1 || minRequestBytesPerSecond < 0) {
            throw new IllegalArgumentException("unusable HTTP limits " + idleTimeout + ", " + maxHeaderBytes + ", "
                    + maxThreads + ", " + maxConnections + ", " + minRequestBytesPerSecond);
        }
    }

    /** 30 s idle, 8 KiB of headers, 200 threads, 4,000 connections (room for 2,000 event streams), 1 KiB/s. */
    public static HttpLimits defaults() {
        return new HttpLimits(Duration.ofSeconds(30), 8 * 1024, 200, 4000, 1024);
    }
}
