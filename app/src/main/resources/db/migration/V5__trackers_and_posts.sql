-- Hashtags tracked on a schedule: every instance checks for due trackers, and the one that moves a
-- tracker's next_run_at from the value it read (compare-and-set) queues its run, so each scheduled
-- run happens once however many instances there are.
CREATE TABLE trackers (
    id             TEXT     NOT NULL PRIMARY KEY,
    hashtag        TEXT     NOT NULL,  -- lower-cased, without '#'
    source         TEXT     NOT NULL,
    model_name     TEXT     NOT NULL,
    post_limit     INTEGER  NOT NULL,
    every_seconds  BIGINT   NOT NULL,
    created_at     BIGINT   NOT NULL,
    next_run_at    BIGINT   NOT NULL,
    last_run_at    BIGINT,
    last_analysis_id TEXT
);
CREATE UNIQUE INDEX trackers_one_per_tag ON trackers (hashtag, source, model_name);
CREATE INDEX trackers_due ON trackers (next_run_at);

-- An analysis scheduled by a tracker fetches only posts newer than the tracker's newest so far.
ALTER TABLE analyses ADD COLUMN tracker_id TEXT;
ALTER TABLE analyses ADD COLUMN since_at BIGINT;
CREATE INDEX analyses_tracker ON analyses (tracker_id, finished_at);

-- Every post a finished analysis scored, for downloads and for trackers' "since".
CREATE TABLE analysis_posts (
    analysis_id  TEXT              NOT NULL,
    position     INTEGER           NOT NULL,  -- order the source gave them in
    post_id      TEXT              NOT NULL,
    text         TEXT              NOT NULL,
    author       TEXT,                        -- may be unknown, as may the link and the time
    url          TEXT,
    created_at   BIGINT,
    label        TEXT              NOT NULL,
    polarity     DOUBLE PRECISION  NOT NULL,
    PRIMARY KEY (analysis_id, position)
);
