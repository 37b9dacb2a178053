-- Posts with a followed hashtag from the Bluesky Jetstream, scored as they arrive; one row per
-- post and followed hashtag it carries, so a replayed event is stored once.
CREATE TABLE live_posts (
    hashtag     TEXT              NOT NULL,  -- lower-cased, without '#'
    uri         TEXT              NOT NULL,  -- at://did/app.bsky.feed.post/rkey
    minute      BIGINT            NOT NULL,  -- epoch ms of the minute the Jetstream saw it in
    created_at  BIGINT            NOT NULL,
    author      TEXT              NOT NULL,  -- DID
    text        TEXT              NOT NULL,
    label       TEXT              NOT NULL,
    polarity    DOUBLE PRECISION  NOT NULL,
    model_name  TEXT              NOT NULL,
    PRIMARY KEY (hashtag, uri)
);
CREATE INDEX live_posts_minutes ON live_posts (hashtag, minute);

-- Where the Jetstream connection resumes after a restart (its time_us cursor).
CREATE TABLE live_cursor (
    name     TEXT    NOT NULL PRIMARY KEY,  -- jetstream
    time_us  BIGINT  NOT NULL
);
