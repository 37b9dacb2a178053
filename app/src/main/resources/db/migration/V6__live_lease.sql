-- One Jetstream connection for all instances: the instance holding this lease keeps it, renews
-- the lease while it does, and another instance takes over (from the stored cursor) once it lapses.
CREATE TABLE live_lease (
    name      TEXT    NOT NULL PRIMARY KEY,  -- jetstream
    owner     TEXT    NOT NULL,
    until_ms  BIGINT  NOT NULL
);
