-- 002_plan: the annual training plan, its initiatives and budget, the
-- consultation of the works council (rule 6), comments, and the policy scans.

CREATE TABLE plans (
    id               INTEGER PRIMARY KEY,
    year             INTEGER NOT NULL UNIQUE,
    goal             TEXT,
    context          TEXT,
    needs_method     TEXT,   -- how the needs were found, who made the plan
    new_needs        TEXT,   -- what changed since last year
    choices          TEXT,   -- choices made for budget and time
    mandatory        TEXT,   -- what the law makes mandatory
    state            TEXT NOT NULL DEFAULT 'draft'
                         CHECK (state IN ('draft', 'submitted', 'advised', 'adopted', 'evaluated')),
    body             TEXT CHECK (body IN ('works_council', 'union_delegation', 'employees')),
    submitted_on     TEXT,
    meeting_on       TEXT,
    advice_on        TEXT,
    advice_kind      TEXT CHECK (advice_kind IN ('positive', 'negative', 'remarks')),
    advice_text      TEXT,
    employer_answer  TEXT,
    adopted_on       TEXT,
    evaluated_on     TEXT,
    evaluation_meeting_on TEXT,
    evaluation_notes TEXT
);

CREATE TABLE plan_initiatives (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    activity_id   INTEGER REFERENCES activities(id),
    form          TEXT,
    type          TEXT CHECK (type IN ('formal', 'informal')),
    target_group  TEXT,
    attention     TEXT,    -- legal attention groups served, codes separated by '|'
    department_id INTEGER REFERENCES departments(id),
    participants  INTEGER NOT NULL DEFAULT 0,
    hours         INTEGER NOT NULL DEFAULT 0,  -- hundredths, per participant
    working_time  INTEGER,  -- 1 during, 0 outside working time
    internal      INTEGER,  -- 1 internal, 0 external
    cost          INTEGER NOT NULL DEFAULT 0,  -- cents
    mandatory     INTEGER NOT NULL DEFAULT 0,
    realised_participants INTEGER,
    realised_hours INTEGER,
    realised_cost  INTEGER
);
CREATE INDEX plan_initiatives_plan ON plan_initiatives(plan_id);

CREATE TABLE plan_budgets (
    plan_id       INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    planned       INTEGER NOT NULL DEFAULT 0,  -- cents
    committed     INTEGER NOT NULL DEFAULT 0,  -- cents
    PRIMARY KEY (plan_id, department_id)
);

CREATE TABLE plan_comments (
    id      INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    author  TEXT NOT NULL,
    role    TEXT NOT NULL,
    at      TEXT NOT NULL,
    text    TEXT NOT NULL
);

-- One answer per statement of a scan, per year, side and (for the learning
-- potential scan) function; function_id 0 when the scan is not per function.
CREATE TABLE scan_answers (
    scan        TEXT NOT NULL,
    year        INTEGER NOT NULL,
    side        TEXT NOT NULL CHECK (side IN ('employer', 'representatives')),
    function_id INTEGER NOT NULL DEFAULT 0,
    statement   TEXT NOT NULL,
    applies     INTEGER NOT NULL CHECK (applies IN (0, 1)),
    answered_by TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (scan, year, side, function_id, statement)
);
