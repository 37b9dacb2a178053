-- Posts read per paid source and day (UTC), shared by every instance, so that an operator's daily
-- allowance (X_MAX_POSTS_PER_DAY) holds across restarts and instances.
CREATE TABLE source_usage (
    source  TEXT     NOT NULL,   -- x
    day     TEXT     NOT NULL,   -- 2026-12-03
    posts   INTEGER  NOT NULL,
    PRIMARY KEY (source, day)
);
