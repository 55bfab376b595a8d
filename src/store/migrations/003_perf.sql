-- 003_perf: what the caches and the reports need to stay fast.

-- The data's version, moved forward by every transaction that changes rows
-- (store_commit in store/sqlite.c). Caches of reports and page figures are
-- keyed on it. It starts at a random value so that a database made anew (or
-- restored from a copy older than this migration) does not repeat versions a
-- running server has seen.
CREATE TABLE data_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO data_version(id, version) VALUES (1, abs(random() % 1000000000000));
