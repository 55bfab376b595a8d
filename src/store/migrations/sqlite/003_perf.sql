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

-- Every report loads every employee in employee_id order (store/facts.c):
-- with the columns it reads in the index, that is one scan of the index
-- rather than a lookup in the table for each of 100 000 people.
CREATE INDEX employees_facts ON employees(employee_id, gender, birth_date, hire_date, exit_date,
    department_id, function_id, category, contract, fte, education, born_abroad, disability);
