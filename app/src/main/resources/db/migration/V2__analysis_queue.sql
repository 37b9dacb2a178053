-- Analyses become a durable queue shared by every instance of the service: an instance claims a
-- queued analysis (or one whose lease ran out because its instance died) by taking its lease,
-- renews the lease while it works, and every write it makes is fenced by the lease, so an
-- analysis is finished once, by the instance that holds it.
ALTER TABLE analyses ADD COLUMN lease_owner TEXT;              -- instance holding the lease, while running
ALTER TABLE analyses ADD COLUMN lease_until BIGINT;            -- epoch ms; after it, any instance may claim it
ALTER TABLE analyses ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;  -- times claimed

-- Analyses left unfinished by the version before, which had no leases, cannot be told apart
-- from each other's duplicates; they are closed so that the index below can hold.
UPDATE analyses SET status = 'failed', error = 'the service was upgraded before this analysis finished; run it again',
    finished_at = updated_at
    WHERE status IN ('queued', 'running');

-- At most one queued or running analysis per tag, source and model: two submissions at once
-- share one analysis instead of racing to start two.
CREATE UNIQUE INDEX analyses_one_active ON analyses (hashtag, source, model_name)
    WHERE status IN ('queued', 'running');

-- the queue, oldest first, and expired leases
CREATE INDEX analyses_queue ON analyses (status, created_at);
