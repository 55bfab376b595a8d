-- 004_competences: the competence catalogue, what each function needs now and
-- in two to four years, the assessments of people (never changed or deleted),
-- the register of training needs and the personal development plans.

CREATE TABLE competences (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind = 'technical' OR kind = 'generic' OR kind = 'attitude'),
    description TEXT
);

-- One line per function and competence: the level needed now and in 2-4 years.
CREATE TABLE function_profiles (
    function_id   INTEGER NOT NULL REFERENCES functions(id),
    competence_id INTEGER NOT NULL REFERENCES competences(id),
    level_now     INTEGER NOT NULL CHECK (level_now >= 0 AND level_now <= 4),
    level_future  INTEGER NOT NULL CHECK (level_future >= 0 AND level_future <= 4),
    PRIMARY KEY (function_id, competence_id)
);

-- Append-only: a new assessment supersedes, none is updated or deleted. The id
-- orders assessments of the same day (the one entered last counts, rule 9).
-- assessor: the assessing employee's employee_id, or 'self'.
CREATE TABLE assessments (
    id            INTEGER PRIMARY KEY,
    employee_id   INTEGER NOT NULL REFERENCES employees(id),
    competence_id INTEGER NOT NULL REFERENCES competences(id),
    level         INTEGER NOT NULL CHECK (level >= 0 AND level <= 4),
    assessed_on   TEXT NOT NULL,
    assessor      TEXT,
    source        TEXT NOT NULL CHECK (source = 'appraisal' OR source = 'self' OR source = 'test'
                                       OR source = 'observation'),
    note          TEXT,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL
);
-- The gap report reads, per employee and competence, the latest assessment
-- up to a day: this index holds every column it reads, in that order.
CREATE INDEX assessments_latest ON assessments(employee_id, competence_id, assessed_on, id, level);

-- The register of training needs: what, for whom, why, how urgent, and what
-- became of it. scope says which of employee_id (a person, or the manager
-- whose team), function_id, department_id applies; 'everyone' uses none.
CREATE TABLE training_needs (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    scope         TEXT NOT NULL CHECK (scope = 'person' OR scope = 'team' OR scope = 'function'
                                       OR scope = 'department' OR scope = 'everyone'),
    employee_id   INTEGER REFERENCES employees(id),
    function_id   INTEGER REFERENCES functions(id),
    department_id INTEGER REFERENCES departments(id),
    competence_id INTEGER REFERENCES competences(id),
    source        TEXT NOT NULL,
    priority      TEXT NOT NULL CHECK (priority = 'high' OR priority = 'medium' OR priority = 'low'),
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'planned'
                                       OR status = 'addressed' OR status = 'declined'),
    reason        TEXT,
    initiative_id INTEGER REFERENCES plan_initiatives(id) ON DELETE SET NULL,
    learning_id   INTEGER,
    created_by    TEXT NOT NULL,
    created_role  TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX training_needs_status ON training_needs(status, department_id);

-- A personal development plan: one per employee and year, agreed in a
-- development conversation.
CREATE TABLE development_plans (
    id                INTEGER PRIMARY KEY,
    employee_id       INTEGER NOT NULL REFERENCES employees(id),
    year              INTEGER NOT NULL,
    conversation_on   TEXT,
    conversation_with TEXT,
    notes             TEXT,
    employee_comment  TEXT,
    created_at        TEXT NOT NULL,
    UNIQUE (employee_id, year)
);

-- Goals and actions of a plan. An action is an activity of the catalogue or a
-- form of workplace learning; its progress follows from the learning record.
CREATE TABLE development_items (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES development_plans(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind = 'goal' OR kind = 'action'),
    text          TEXT NOT NULL,
    competence_id INTEGER REFERENCES competences(id),
    need_id       INTEGER REFERENCES training_needs(id) ON DELETE SET NULL,
    activity_id   INTEGER REFERENCES activities(id),
    form          TEXT,
    target_date   TEXT
);
CREATE INDEX development_items_plan ON development_items(plan_id);
