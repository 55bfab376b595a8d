-- 007_onboarding: mentors for newcomers (rule 7), onboarding trajectories
-- built from per-function templates and signed module by module, monthly
-- reviews, and workplace learning made visible: communities of practice and
-- job rotation. Learning that comes out of them is written to the learning
-- record (store/learning.c), which stays the single source of every figure.

-- A mentor assignment (DESIGN 4, import mentors): (newcomer, mentor, from)
-- is the key; re-importing it updates its end. reserved_hours: the time set
-- aside for mentoring, hundredths of an hour per week (NULL: not said).
CREATE TABLE mentor_assignments (
    id             INTEGER PRIMARY KEY,
    newcomer_id    INTEGER NOT NULL REFERENCES employees(id),
    mentor_id      INTEGER NOT NULL REFERENCES employees(id),
    from_date      TEXT NOT NULL,
    to_date        TEXT,
    reserved_hours INTEGER CHECK (reserved_hours IS NULL OR reserved_hours >= 0),
    UNIQUE (newcomer_id, mentor_id, from_date),
    CHECK (newcomer_id <> mentor_id),
    CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX mentor_assignments_mentor ON mentor_assignments(mentor_id);

-- A trajectory template per function, and its modules.
CREATE TABLE onboarding_templates (
    id          INTEGER PRIMARY KEY,
    function_id INTEGER NOT NULL UNIQUE REFERENCES functions(id),
    title       TEXT NOT NULL
);

CREATE TABLE onboarding_template_modules (
    id          INTEGER PRIMARY KEY,
    template_id INTEGER NOT NULL REFERENCES onboarding_templates(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    description TEXT,
    week        INTEGER NOT NULL CHECK (week >= 1 AND week <= 104),
    safety      INTEGER NOT NULL DEFAULT 0 CHECK (safety = 0 OR safety = 1),
    hours       INTEGER NOT NULL DEFAULT 0 CHECK (hours >= 0)
);
CREATE INDEX onboarding_template_modules_template ON onboarding_template_modules(template_id);

-- A newcomer's own trajectory: the template copied, then adjusted per
-- person. The onboarding document is signed by the employer or the
-- designated line manager (document_signed_by: a login).
CREATE TABLE onboarding_trajectories (
    id                 INTEGER PRIMARY KEY,
    newcomer_id        INTEGER NOT NULL UNIQUE REFERENCES employees(id),
    start_date         TEXT NOT NULL,
    document_signed_by TEXT,
    document_signed_on TEXT
);

-- A module is complete when both the mentor and the newcomer signed it,
-- each from their own login; record_id: the informal learning record its
-- completion became (hours > 0).
CREATE TABLE onboarding_modules (
    id                 INTEGER PRIMARY KEY,
    trajectory_id      INTEGER NOT NULL REFERENCES onboarding_trajectories(id) ON DELETE CASCADE,
    title              TEXT NOT NULL,
    description        TEXT,
    week               INTEGER NOT NULL CHECK (week >= 1 AND week <= 104),
    safety             INTEGER NOT NULL DEFAULT 0 CHECK (safety = 0 OR safety = 1),
    hours              INTEGER NOT NULL DEFAULT 0 CHECK (hours >= 0),
    mentor_signed_on   TEXT,
    mentor_signed_by   INTEGER REFERENCES employees(id),
    newcomer_signed_on TEXT,
    record_id          INTEGER REFERENCES learning_records(id)
);
CREATE INDEX onboarding_modules_trajectory ON onboarding_modules(trajectory_id);

-- The monthly review: what was practised and mastered, the plan for next
-- month; recorded by the mentor, the manager or HR (recorded_by: a login).
CREATE TABLE onboarding_reviews (
    id          INTEGER PRIMARY KEY,
    newcomer_id INTEGER NOT NULL REFERENCES employees(id),
    review_date TEXT NOT NULL,
    practised   TEXT,
    mastered    TEXT,
    next_plan   TEXT,
    note        TEXT,
    recorded_by TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX onboarding_reviews_newcomer ON onboarding_reviews(newcomer_id, review_date);

-- Communities of practice and learning networks: members, a lead, a
-- rhythm and agreed goals; each meeting's attendance becomes informal
-- learning records of the meeting's hours.
CREATE TABLE communities (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    kind    TEXT NOT NULL CHECK (kind = 'community_of_practice' OR kind = 'learning_network'),
    lead_id INTEGER REFERENCES employees(id),
    rhythm  TEXT,
    goals   TEXT
);

CREATE TABLE community_members (
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    employee_id  INTEGER NOT NULL REFERENCES employees(id),
    PRIMARY KEY (community_id, employee_id)
);

CREATE TABLE community_meetings (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    meeting_date TEXT NOT NULL,
    hours        INTEGER NOT NULL CHECK (hours > 0),
    topic        TEXT
);
CREATE INDEX community_meetings_community ON community_meetings(community_id, meeting_date);

CREATE TABLE community_attendance (
    meeting_id  INTEGER NOT NULL REFERENCES community_meetings(id) ON DELETE CASCADE,
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    record_id   INTEGER REFERENCES learning_records(id),
    PRIMARY KEY (meeting_id, employee_id)
);

-- Job rotation: who goes to which workstation or department, when; a
-- completed rotation becomes an informal learning record of its hours.
CREATE TABLE job_rotations (
    id           INTEGER PRIMARY KEY,
    employee_id  INTEGER NOT NULL REFERENCES employees(id),
    workstation  TEXT NOT NULL,
    from_date    TEXT NOT NULL,
    to_date      TEXT NOT NULL,
    hours        INTEGER NOT NULL CHECK (hours > 0),
    completed_on TEXT,
    record_id    INTEGER REFERENCES learning_records(id),
    CHECK (to_date >= from_date)
);
CREATE INDEX job_rotations_employee ON job_rotations(employee_id, from_date);
