package io.deepsentiment.hashtag.live;

import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for the Jetstream: sends a generated stream of {@code total} events, one per
 * millisecond of {@code time_us}, at {@code perSecond} events a second (0: as fast as it can), where
 * every {@code 1 / matchingShare}-th event is a post with #live and the others likes. It resumes
 * from the {@code cursor} a client asks for, and hangs up once after {@code hangUpAfter} events
 * (0: never), as a restarting Jetstream would.
 */
public final class JetstreamReplay implements AutoCloseable {

    public static final String TAG = "live";
    static final long T0_US = 1_764_784_800_000_000L; // 2025-12-03T18:00:00Z

    private static final String DID = "did:plc:eygmaihciaxprqvxpfvl6flk";
    private static final String[] WORDS = {"great", "love", "awful", "hate", "meeting", "today", "phone", "best",
        "worst", "tuesday", "happy", "sad"};

    private final int total;
    private final int perSecond;
    private final int matchEvery;
    private final int hangUpAfter;
    private final AtomicLong sent = new AtomicLong();
    private final Javalin server;
    private volatile boolean hungUp;

    public JetstreamReplay(int total, int perSecond, double matchingShare, int hangUpAfter) {
        this.total = total;
        this.perSecond = perSecond;
        this.matchEvery = (int) Math.round(1 / matchingShare);
        this.hangUpAfter = hangUpAfter;
        this.server = Javalin.create().ws("/subscribe", ws -> ws.onConnect(ctx -> {
            String cursor = ctx.queryParam("cursor");
            long from = cursor == null ? 0 : (Long.parseLong(cursor) - T0_US) / 1000 + 1;
            Thread sender = new Thread(() -> send(ctx, (int) from), "replay-sender");
            sender.setDaemon(true);
            sender.start();
        })).start("127.0.0.1", 0);
    }

    public URI endpoint() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/subscribe?wantedCollections=app.bsky.feed.post");
    }

    /** Events sent so far, over every connection. */
    public long sent() {
        return sent.get();
    }

    /** Posts with #live among the {@code total} events. */
    public int matching() {
        return (total + matchEvery - 1) / matchEvery;
    }

    /** Event {@code i}: a post with #live every {@code matchEvery}-th, else a like. */
    static String event(int i, int matchEvery) {
        long timeUs = T0_US + i * 1000L;
        if (i % matchEvery != 0) {
            return JetstreamFixtures.like(timeUs, DID);
        }
        String text = WORDS[i % WORDS.length] + " " + WORDS[(i / 7) % WORDS.length] + " post " + i + " #" + TAG;
        return JetstreamFixtures.post(timeUs, DID, "3k" + i, text, TAG);
    }

    private void send(WsContext ctx, int from) {
        long start = System.nanoTime();
        for (int i = from, n = 0; i < total; i++, n++) {
            if (perSecond > 0) {
                long due = start + n * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (!ctx.session.isOpen()) {
                return;
            }
            ctx.send(event(i, matchEvery));
            sent.incrementAndGet();
            if (!hungUp && hangUpAfter > 0 && i + 1 == hangUpAfter) {
                hungUp = true;
                ctx.closeSession(1011, "restarting");
                return;
            }
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
