-- 001_init: the organisation, its people and their learning; users and access.
-- Money in cents, hours in hundredths, FTE in ten-thousandths, dates as
-- 'YYYY-MM-DD' text (which sorts and compares as dates).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE departments (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE functions (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

-- The value checks on employees are OR chains, not IN lists: SQLite builds
-- an ephemeral table for every IN-list check of every row, which made the
-- checks alone cost more than half of a 100 000-row employee import.
CREATE TABLE employees (
    id            INTEGER PRIMARY KEY,
    employee_id   TEXT NOT NULL UNIQUE,
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    email         TEXT,
    gender        TEXT NOT NULL CHECK (gender = 'F' OR gender = 'M' OR gender = 'X'),
    birth_date    TEXT NOT NULL,
    hire_date     TEXT NOT NULL,
    exit_date     TEXT,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    function_id   INTEGER NOT NULL REFERENCES functions(id),
    category      TEXT NOT NULL CHECK (category = 'blue_collar' OR category = 'white_collar'),
    contract      TEXT NOT NULL CHECK (contract = 'permanent' OR contract = 'fixed_term'
                                       OR contract = 'student' OR contract = 'trainee'),
    fte           INTEGER NOT NULL CHECK (fte > 0 AND fte <= 10000),
    education     TEXT NOT NULL CHECK (education = 'low' OR education = 'medium' OR education = 'high'),
    born_abroad   TEXT CHECK (born_abroad = 'yes' OR born_abroad = 'no' OR born_abroad = 'unknown'),
    disability    TEXT CHECK (disability = 'yes' OR disability = 'no' OR disability = 'unknown'),
    manager_id    INTEGER REFERENCES employees(id),
    shift         TEXT CHECK (shift = 'day' OR shift = 'night' OR shift = 'rotating'),
    CHECK (exit_date IS NULL OR exit_date >= hire_date)
);
CREATE INDEX employees_manager ON employees(manager_id);
CREATE INDEX employees_department ON employees(department_id);

CREATE TABLE activities (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    type            TEXT NOT NULL CHECK (type IN ('formal', 'informal', 'initial')),
    form            TEXT NOT NULL CHECK (form IN ('classroom', 'e_learning', 'on_the_job',
                        'workplace_instruction', 'coaching', 'mentoring', 'job_rotation',
                        'community_of_practice', 'learning_network', 'intervision',
                        'conference', 'self_study', 'other')),
    provider        TEXT,
    internal        INTEGER NOT NULL DEFAULT 0,
    hours           INTEGER,
    cost            INTEGER,
    validity_months INTEGER,
    mandatory       INTEGER NOT NULL DEFAULT 0,
    competences     TEXT
);

-- The learning record. own_type is the type the record itself gives; type is
-- the effective one (own_type, else the activity's), kept in step on import so
-- reports need no join over millions of rows. This table grows to millions of
-- rows: its values are checked by the code that writes them (core/import.c and
-- the forms), not by CHECK constraints, which cost more than the insert itself.
CREATE TABLE learning_records (
    id             INTEGER PRIMARY KEY,
    employee_id    INTEGER NOT NULL REFERENCES employees(id),
    activity_id    INTEGER REFERENCES activities(id),
    title          TEXT,
    own_type       TEXT,
    type           TEXT NOT NULL,
    start_date     TEXT NOT NULL,
    end_date       TEXT,
    hours          INTEGER NOT NULL,
    working_time   INTEGER,
    cost           INTEGER NOT NULL DEFAULT 0,
    subsidy        INTEGER NOT NULL DEFAULT 0,
    training_leave INTEGER NOT NULL DEFAULT 0,
    result         TEXT NOT NULL DEFAULT 'completed'
);
-- One index only, so a bulk load builds little. A year's records are found
-- through learning_totals (the employees with learning in that year) and
-- then this index.
CREATE INDEX learning_employee ON learning_records(employee_id, start_date);

-- The learning record summed per employee, year (of start_date) and type,
-- kept exact in the same transaction as every change to learning_records
-- (store/learning.c), so that the yearly reports read one row per employee
-- instead of millions of records. right_hours: the hours that use the
-- training right (not initial, not training leave). type is 0 formal,
-- 1 informal, 2 initial (the order of core/model.h).
CREATE TABLE learning_totals (
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    year        INTEGER NOT NULL,
    type        INTEGER NOT NULL,
    records     INTEGER NOT NULL,
    hours       INTEGER NOT NULL,
    cost        INTEGER NOT NULL,
    subsidy     INTEGER NOT NULL,
    right_hours INTEGER NOT NULL,
    PRIMARY KEY (year, employee_id, type)
) WITHOUT ROWID;

-- Informal learning an employee logs themself: it enters the learning record
-- only once their manager (or HR) confirms it.
CREATE TABLE learning_claims (
    id          INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    title       TEXT NOT NULL,
    form        TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    hours       INTEGER NOT NULL CHECK (hours > 0),
    working_time INTEGER,
    note        TEXT,
    status      TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'confirmed', 'declined')),
    created_at  TEXT NOT NULL,
    decided_by  TEXT,
    decided_at  TEXT,
    record_id   INTEGER REFERENCES learning_records(id)
);
CREATE INDEX learning_claims_employee ON learning_claims(employee_id, status);

CREATE TABLE funding (
    year          INTEGER NOT NULL,
    type          TEXT NOT NULL CHECK (type IN ('formal', 'informal', 'initial')),
    contributions INTEGER NOT NULL DEFAULT 0,
    subsidies     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (year, type)
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'employee', 'mentor',
                                                'representative')),
    employee_id   INTEGER REFERENCES employees(id),
    lang          TEXT,
    created_at    TEXT NOT NULL
);

-- Sessions and tokens are stored as hashes: a stolen database grants no login.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    entity   TEXT NOT NULL,
    entity_key TEXT,
    before   TEXT,
    after    TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_key);
