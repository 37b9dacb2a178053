-- Hashtag analyses. Portable SQL: the same file runs on SQLite and PostgreSQL.
-- Times are epoch milliseconds (UTC). The full result is JSON text; the summary columns
-- (posts, mean polarity, shares) repeat part of it for history queries without parsing JSON.
CREATE TABLE analyses (
    id                  TEXT             NOT NULL PRIMARY KEY,
    hashtag             TEXT             NOT NULL,  -- lower-cased, without '#'
    source              TEXT             NOT NULL,  -- x, mastodon
    post_limit          INTEGER          NOT NULL,
    status              TEXT             NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    fetched             INTEGER          NOT NULL,
    scored              INTEGER          NOT NULL,
    error               TEXT,
    created_at          BIGINT           NOT NULL,
    updated_at          BIGINT           NOT NULL,  -- last change or heartbeat
    finished_at         BIGINT,
    model_name          TEXT,
    model_version       TEXT,
    posts               INTEGER,                    -- result summary, when done
    mean_polarity       DOUBLE PRECISION,
    mean_polarity_low   DOUBLE PRECISION,
    mean_polarity_high  DOUBLE PRECISION,
    shares_json         TEXT,                       -- {"negative":0.2,"neutral":0.3,"positive":0.5}
    result_json         TEXT                        -- the whole AnalysisResult
);

-- fresh results and history of a tag
CREATE INDEX analyses_hashtag_status_finished ON analyses (hashtag, status, finished_at);
-- abandoned analyses (queued or running, no heartbeat for a while)
CREATE INDEX analyses_status_updated ON analyses (status, updated_at);
