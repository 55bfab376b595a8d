-- 006_evaluation: certifications (RULES.md §5) and their reminders, and the
-- four levels of evaluation (reaction, learning, behaviour, results).

-- Which functions a mandatory activity is required for: names separated by
-- '|', NULL or empty for every function (core/certifications.c reads it).
ALTER TABLE activities ADD COLUMN target_functions TEXT;
-- Weeks after a training's last day that the manager's follow-up is due;
-- NULL: the default (policy.h, POLICY_FOLLOWUP_WEEKS).
ALTER TABLE activities ADD COLUMN followup_weeks INTEGER;
-- Who evaluates each level (reaction, learning, behaviour, results): four
-- codes joined by '|' (core/evaluation.h); NULL: the defaults.
ALTER TABLE activities ADD COLUMN evaluators TEXT;

-- One row per reminder sent: a certification (employee, activity, the date
-- it was achieved) and a step (days before valid_until: 90, 60, 30, 0). The
-- key makes a second sending of the same step impossible; a newer
-- certificate has another achieved date and so starts a new series.
CREATE TABLE cert_reminders (
    id          INTEGER PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    activity_id INTEGER NOT NULL REFERENCES activities(id),
    achieved    TEXT NOT NULL,
    step        INTEGER NOT NULL,
    valid_until TEXT NOT NULL,
    sent_on     TEXT NOT NULL,
    UNIQUE (employee_id, activity_id, achieved, step)
);
CREATE INDEX cert_reminders_sent ON cert_reminders(sent_on);

-- Level 1, reaction: the questions HR keeps, answered per learning record
-- (one participant's take part in one activity) on a scale of 1 to 5.
CREATE TABLE eval_questions (
    id       INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    text     TEXT NOT NULL,
    active   INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE eval_answers (
    record_id   INTEGER NOT NULL REFERENCES learning_records(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES eval_questions(id),
    score       INTEGER NOT NULL CHECK (score >= 1 AND score <= 5),
    answered_on TEXT NOT NULL,
    PRIMARY KEY (record_id, question_id)
);
CREATE TABLE eval_comments (
    record_id   INTEGER PRIMARY KEY REFERENCES learning_records(id) ON DELETE CASCADE,
    comment     TEXT NOT NULL
);

-- Level 2, learning: test attempts on a learning record; the record's
-- result follows its last attempt. Scores in hundredths of a point.
CREATE TABLE learning_tests (
    record_id INTEGER NOT NULL REFERENCES learning_records(id) ON DELETE CASCADE,
    attempt   INTEGER NOT NULL CHECK (attempt >= 1),
    taken_on  TEXT NOT NULL,
    score     INTEGER NOT NULL CHECK (score >= 0),
    max_score INTEGER NOT NULL CHECK (max_score > 0),
    pass_mark INTEGER NOT NULL CHECK (pass_mark >= 0 AND pass_mark <= max_score),
    PRIMARY KEY (record_id, attempt),
    CHECK (score <= max_score)
);

-- Level 3, behaviour: the manager's follow-up some weeks after a training,
-- with the agreement made before it (goals, how it would be applied).
CREATE TABLE followups (
    record_id   INTEGER PRIMARY KEY REFERENCES learning_records(id) ON DELETE CASCADE,
    goals       TEXT,
    application TEXT,
    applied     TEXT CHECK (applied IN ('yes', 'partly', 'no')),
    how         TEXT,
    done_on     TEXT,
    done_by     TEXT
);

-- Level 4, results: operational indicators of a plan initiative. Values in
-- hundredths of the unit.
CREATE TABLE plan_indicators (
    id            INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES plan_initiatives(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    unit          TEXT,
    baseline      INTEGER,
    target        INTEGER,
    measured      INTEGER,
    measured_on   TEXT
);
CREATE INDEX plan_indicators_initiative ON plan_indicators(initiative_id);

-- What an evaluation leads to: a remark for next year's plan.
CREATE TABLE eval_remarks (
    id            INTEGER PRIMARY KEY,
    initiative_id INTEGER NOT NULL REFERENCES plan_initiatives(id) ON DELETE CASCADE,
    text          TEXT NOT NULL,
    author        TEXT NOT NULL,
    at            TEXT NOT NULL
);
